"""Every wait the session makes, in seconds: the controller's `Timings`, and the part a chat turn gets.

Tests shrink them. A wait that depends on the backend (an engine on this machine answers at once, the
cloud is polled slowly) is None here, "chosen by backend", and resolved when the wait begins.
"""

from __future__ import annotations

from dataclasses import dataclass

from .export_job import ExportTimings

LOCAL_STAGE_POLL_S = 1.0  # an engine on this machine answers at once
CLOUD_STAGE_POLL_S = 15.0
# The balance while idle: a `nemo-tui topup` shows within seconds; the cloud is asked rarely.
LOCAL_CREDITS_POLL_S = 5.0
CLOUD_CREDITS_POLL_S = 60.0


@dataclass(frozen=True)
class TurnTimings:
    """A chat turn's waits, the second stage's poll already chosen for the backend."""

    still_working_s: float  # "still working" after this long without words
    recovery_polls: tuple[float, ...]  # state polls after a lost stream
    stage_poll_s: float  # state polls while following the second generation stage
    stage_stable_polls: int  # stop following once this many polls in a row saw no change
    stage_deadline_s: float  # and in any case after this long


@dataclass(frozen=True)
class Timings:
    """Every wait the controller makes, in seconds; tests shrink them."""

    still_working_s: float = 120.0  # "still working" after this long without words (our own clock)
    recovery_polls: tuple[float, ...] = (30.0, 60.0, 60.0, 60.0, 60.0)  # state polls after a drop
    stage_poll_s: float | None = None  # state polls for the second generation stage; None: by backend
    stage_stable_polls: int = 2  # stop following once this many polls in a row saw no change
    stage_deadline_s: float = 300.0  # and in any case after this long
    export: ExportTimings | None = None  # None: chosen by backend
    credits_poll_s: float | None = None  # the balance refreshed while idle; None: by backend; 0: never

    def credits_poll(self, *, on_this_machine: bool) -> float:
        """Seconds between balance refreshes while idle (0: none), chosen for the backend when unset."""
        if self.credits_poll_s is not None:
            return self.credits_poll_s
        return LOCAL_CREDITS_POLL_S if on_this_machine else CLOUD_CREDITS_POLL_S

    def for_turn(self, *, on_this_machine: bool) -> TurnTimings:
        """A chat turn's waits, with the second stage's poll chosen for the backend when unset."""
        poll = self.stage_poll_s or (LOCAL_STAGE_POLL_S if on_this_machine else CLOUD_STAGE_POLL_S)
        return TurnTimings(
            self.still_working_s, self.recovery_polls, poll, self.stage_stable_polls, self.stage_deadline_s
        )
