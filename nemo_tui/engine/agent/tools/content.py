"""What a video says and shows: a call to action at the end, the brand in a corner, removing the part
about a topic, and uploads put onto the scenes (in an order, one first, one removed).

Every tool keeps the video's length unless removing something (a removed scene takes its time with
it, as "remove clip 2" does), and refuses with what it can do instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import clip_rows, length_of, meta_of

from ..edits import brand, clips, closing, topics, uploads
from ..edits import draft_ops as ops
from ..edits.timeline_summary import fmt_seconds
from .toolkit import (
    ask,
    clip_number,
    commit,
    current,
    footage,
    infos,
    ms,
    no_video,
    pick_clip,
    refuse,
    visual,
    working_copy,
)


def _name(seg: dict[str, Any]) -> str:
    return str(meta_of(seg).get("name") or seg.get("id"))


class ContentTools:
    if TYPE_CHECKING:  # MediaTools defines it; DraftTools has both

        async def add_media(self, tool_context: ToolContext, which: str = "all") -> dict[str, Any]: ...

    async def add_call_to_action(self, words: str, tool_context: ToolContext) -> dict[str, Any]:
        """End the video with a call to action saying `words` ("Order at harborlanebakery.com",
        "欢迎光临"). A designed video's end card takes the words (an action as its button, a web
        address as its small line), or a new end card is added; a plain video gets a closing line
        over its last seconds. The video keeps its length."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        words = words.strip().strip("\"'“”‘’「」")
        if not words:
            return ask(
                ctx,
                "What should the call to action say? E.g. 'end with \"Order at harborlanebakery.com\"' "
                "or 'add a call to action: Visit us today'.",
                "what_cta",
            )
        draft = working_copy(ctx)
        before = length_of(draft)
        if closing.designed(draft):
            done = closing.set_designed(draft, words, footage(ctx))
            where, place = "the end card", "card"
        else:
            done = closing.set_plain(draft, words)
            where, place = "a closing line over the last seconds", "line"
        if ops.normalize(draft) == current(ctx):
            return refuse(
                ctx,
                f'The end already says "{words}", so nothing changed. To change it, say e.g. "end with '
                "'Visit us today'\" or \"add a call to action at the end: 'Order online'\".",
                "unchanged",
            )
        verb = "now says" if done == "changed" else "is new: it says"
        length = fmt_seconds(length_of(ops.normalize(draft)))
        keep = f" The video is still {length} s." if done == "added" and length == fmt_seconds(before) else ""
        return commit(
            ctx,
            draft,
            f'{where.capitalize()} {verb} "{words}".{keep}',
            "cta_set",
            words=words,
            place=place,
            length=length,
        )

    async def add_brand_text(
        self, tool_context: ToolContext, text: str = "", corner: str = "top-right"
    ) -> dict[str, Any]:
        """Show `text` (the brand's name; empty: the video's title) in a corner of the picture for the
        whole video, following any change of length: corner is top-right, top-left, bottom-right or
        bottom-left; "none" removes it."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        corner = corner.strip().lower().replace(" ", "-") or "top-right"
        draft = working_copy(ctx)
        if corner == "none":
            if brand.corner_segment(draft) is None:
                return refuse(ctx, "There is no name in a corner to remove.", "no_brand_text")
            brand.set_corner_text(draft, "", "none")
            return commit(ctx, draft, "The name in the corner is gone.", "brand_removed")
        if corner not in brand.CORNERS:
            return refuse(
                ctx,
                f'I can put it in a corner: {", ".join(brand.CORNERS)}; e.g. \'put "Harbor Lane" in the '
                "top right corner'.",
                "bad_corner",
            )
        words = text.strip().strip("\"'“”‘’「」") or closing.brand_of(draft)
        if not words:
            return ask(
                ctx,
                "What should the corner say? E.g. 'put \"Harbor Lane\" in the top right corner'.",
                "what_brand",
            )
        brand.set_corner_text(draft, words, corner)
        message = f'"{words}" now shows in the {corner.replace("-", " ")} corner for the whole video.'
        row = clips.scenes(draft)
        if any(isinstance(s.get("scene"), dict) and s["scene"].get("logo_corner") == corner for s in row):
            other = "top left" if corner != "top-left" else "top right"
            message += (
                f" Your logo is in that corner too: say 'put \"{words}\" in the {other} corner' to move the "
                "name, or 'remove the logo'."
            )
        return commit(ctx, draft, message, "brand_set", words=words, corner=corner)

    async def remove_topic(self, topic: str, tool_context: ToolContext) -> dict[str, Any]:
        """Remove the scene that talks about `topic` ("the Vermont flour", "配送"), with its captions and
        voice lines; when several scenes mention it, asks which; when none does, says what the scenes
        are about."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        draft = working_copy(ctx)
        row = clips.scenes(draft)
        found = topics.find(draft, topic)
        if not found:
            about = "; ".join(f"{clip_number(draft, i)}. {_name(row[i])}" for i in clip_rows(row))
            return refuse(
                ctx,
                f"No scene mentions {topic.strip()!r}. The scenes are: {about}. Say e.g. 'remove clip 2', "
                "or name a word a scene says.",
                "no_topic",
                topic=topic,
            )
        if len(found) > 1:
            listed = "; ".join(f"clip {clip_number(draft, i)} ({_name(row[i])})" for i in found)
            return ask(
                ctx,
                f"{len(found)} scenes mention {topic.strip()!r}: {listed}. Which should go? Say e.g. "
                f"'remove clip {clip_number(draft, found[0])}'.",
                "which_topic",
                topic=topic,
                count=len(found),
                first=clip_number(draft, found[0]),
            )
        if len(clip_rows(row)) == 1:
            return refuse(ctx, "That is the only scene; say 'undo' or generate again instead.", "only_clip")
        number = clip_number(draft, found[0])
        gone = clips.remove_clip(draft, found[0])
        length = fmt_seconds(length_of(ops.normalize(draft)))
        message = (
            f"Removed clip {number} ({_name(gone)}), the part about {topic.strip()}; the video is now "
            f"{length} s (say 'make it {fmt_seconds(length_of(ops.ensure_draft(ctx.state.get('draft'))))} "
            "seconds' to keep its old length)."
        )
        was = fmt_seconds(length_of(ops.ensure_draft(ctx.state.get("draft"))))
        return commit(ctx, draft, message, "topic_removed", clip=number, topic=topic, length=length, was=was)

    async def use_uploads(
        self, tool_context: ToolContext, order: str = "", seconds: float = 0
    ) -> dict[str, Any]:
        """Put the uploaded photos and clips onto the video's scenes (not after its end): the first on
        the first scene after the title card, and so on, each scene keeping its time and words.
        `order` names uploads in the order wanted, comma-separated ("storefront, croissant, team"):
        those go on the first scenes, the rest follow in upload order; without an order every scene
        gets one, repeating them in upload order when there are more scenes than uploads. Uploads
        already added after the end move onto the scenes.
        seconds > 0 paces the video to that length afterwards. Without a video yet, the uploads
        become one (as add_media does)."""
        ctx = tool_context
        if no_video(ctx) is not None:
            return await self.add_media(tool_context=ctx, which="all")
        pictures = infos(ctx, "image", "video")
        if not pictures:
            return refuse(
                ctx,
                "There are no uploaded photos or clips yet. Upload some first, then say 'use my photos "
                "for the scenes'.",
                "no_media",
            )
        names = [n.strip() for n in re.split(r",|，|、|;|\band\b|\bthen\b", order) if n.strip()]
        chosen, unknown = uploads.in_order(names, pictures)
        if unknown:
            known = ", ".join(str(p.get("filename", p["id"])) for p in pictures)
            return refuse(
                ctx,
                f"I found no upload called {', '.join(unknown)}; the uploads are {known}. Say e.g. 'use my "
                "photos for the scenes' (upload order).",
                "no_such_upload",
                name=", ".join(unknown),
                known=known,
            )
        draft = working_copy(ctx)
        uploads.drop_bare(draft, {f"media:{p['id']}" for p in chosen})
        if not names:  # "use my photos for the scenes": every scene gets one, repeating them in order
            chosen = [chosen[k % len(chosen)] for k in range(max(len(chosen), len(uploads.slots(draft))))]
        placed = uploads.place(draft, [visual(p) for p in chosen])
        if not placed:
            return refuse(ctx, "This video has no scenes to put photos on; say 'add my photos' instead.",
                          "no_scenes")  # fmt: skip
        if seconds > 0:
            clips.set_length(draft, ms(seconds), footage(ctx))
        put = ", ".join(dict.fromkeys(str(p.get("filename", p["id"])) for p in chosen[:placed]))
        repeated = len(chosen[:placed]) > len({p["id"] for p in chosen[:placed]})
        again = " (repeated, so that every scene has one)" if repeated else ""
        left = chosen[placed:]
        spare = ", ".join(str(p.get("filename", p["id"])) for p in left)
        plural = "s" if len(left) > 1 else ""
        note = f" {len(left)} upload{plural} had no scene left: {spare}." if left else ""
        length = fmt_seconds(length_of(ops.normalize(draft)))
        message = (
            f"The scenes now show, in order: {put}{again}; their words and times are kept, and the video "
            f"is {length} s.{note}"
        )
        return commit(
            ctx, draft, message, "uploads_placed", placed=placed, length=length, put=put, spare=spare
        )

    async def put_upload(self, name: str, scene: str, tool_context: ToolContext) -> dict[str, Any]:
        """Put the upload called `name` ("croissant") on the scene about `scene` ("the croissants"),
        which keeps its time and words."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        pictures = infos(ctx, "image", "video")
        upload = uploads.best(name, pictures)
        if upload is None:
            known = ", ".join(str(p.get("filename", p["id"])) for p in pictures) or "none yet"
            return refuse(
                ctx,
                f"I found no upload called {name!r}; the uploads are {known}.",
                "no_such_upload",
                name=name,
                known=known,
            )
        draft = working_copy(ctx)
        row = clips.scenes(draft)
        if said := re.fullmatch(r"(?:scene|clip|slide)?\s*(-?\d+)", scene.strip().lower()):
            picked = pick_clip(ctx, draft, int(said.group(1)), "put it on")
            if isinstance(picked, dict):
                return picked
            found = [picked]
        else:
            found = topics.find(draft, scene)
        if len(found) != 1:
            listed = "; ".join(f"{clip_number(draft, i)}. {_name(row[i])}" for i in clip_rows(row))
            how = f"Several mention {scene!r}" if found else f"None mentions {scene!r}"
            return ask(
                ctx,
                f"Which scene should show {upload.get('filename')}? {how}; the scenes are: {listed}. Say "
                f"e.g. 'put the {name} photo on scene 2'.",
                "which_scene",
                file=str(upload.get("filename")),
                scene=scene,
                several=bool(found),
                listed=listed,
                name=name,
            )
        uploads.place_on(draft, found[0], visual(upload), found[0])
        number = clip_number(draft, found[0])
        return commit(
            ctx, draft, f"Clip {number} ({_name(row[found[0]])}) now shows {upload.get('filename')}; its "
            "words and time are kept.", "upload_placed", clip=number, name=name,
            file=str(upload.get("filename")),
        )  # fmt: skip

    async def move_upload(self, name: str, tool_context: ToolContext, to: int = 1) -> dict[str, Any]:
        """Move the scene showing the upload called `name` ("storefront") to position `to` (1: first
        after the title card; -1: last)."""
        ctx = tool_context
        found = self._upload_scene(ctx, name)
        if isinstance(found, dict):
            return found
        draft, upload, index = found
        if index is None:  # "start the video with the storefront photo" before it is in: it goes there
            free = uploads.slots(draft)
            if not free or not -len(free) <= to <= len(free) or not to:
                return self._not_used(ctx, upload)
            slot = free[to - 1 if to > 0 else len(free) + to]
            uploads.place_on(draft, slot, visual(upload), slot)
            number, said = clip_number(draft, slot), _name(clips.scenes(draft)[slot])
            message = (
                f"Clip {number} ({said}) now shows {upload.get('filename')}; its words and time are kept."
            )
            return commit(
                ctx, draft, message, "upload_placed", clip=number, name=name, file=str(upload.get("filename"))
            )
        order = clip_rows(clips.scenes(draft))
        place = (
            order[to - 1 if to > 0 else len(order) + to] if -len(order) <= to <= len(order) and to else None
        )
        if place is None:
            return refuse(
                ctx, f"There is no position {to}; the video has {len(order)} clips.", "no_such_clip"
            )
        if place == index:
            return refuse(ctx, f"The {name} scene is already there, so nothing changed.", "unchanged")
        clips.move_clip(draft, index, place)
        where = (
            "first"
            if place == order[0]
            else "last"
            if place == order[-1]
            else f"clip {clip_number(draft, place)}"
        )
        return commit(
            ctx,
            draft,
            f"The {name} scene is now {where}.",
            "upload_moved",
            name=name,
            position=order.index(place) + 1,
        )

    async def remove_upload(self, name: str, tool_context: ToolContext) -> dict[str, Any]:
        """Remove the scene showing the upload called `name` ("the team photo"), only that one, with
        its captions and voice lines."""
        ctx = tool_context
        found = self._upload_scene(ctx, name)
        if isinstance(found, dict):
            return found
        draft, upload, index = found
        if index is None:
            return self._not_used(ctx, upload)
        if len(clip_rows(clips.scenes(draft))) == 1:
            return refuse(ctx, "That is the only scene; say 'undo' or generate again instead.", "only_clip")
        number = clip_number(draft, index)
        clips.remove_clip(draft, index)
        length = fmt_seconds(length_of(ops.normalize(draft)))
        return commit(ctx, draft, f"Removed clip {number}, the {name} scene; the video is now {length} s.",
                      "upload_removed", name=name, clip=number, length=length)  # fmt: skip

    def _upload_scene(
        self, ctx: ToolContext, name: str
    ) -> tuple[ops.Draft, dict[str, Any], int | None] | dict[str, Any]:
        """The draft, the upload called `name` and the row index of the scene showing it (None when
        none does), or a refusal."""
        if (missing := no_video(ctx)) is not None:
            return missing
        pictures = infos(ctx, "image", "video")
        upload = uploads.best(name, pictures)
        known = ", ".join(str(p.get("filename", p["id"])) for p in pictures) or "none yet"
        if upload is None:
            return refuse(
                ctx,
                f"I found no upload called {name!r}; the uploads are {known}.",
                "no_such_upload",
                name=name,
                known=known,
            )
        draft = working_copy(ctx)
        return draft, upload, uploads.row_holding(draft, f"media:{upload['id']}")

    def _not_used(self, ctx: ToolContext, upload: dict[str, Any]) -> dict[str, Any]:
        return refuse(
            ctx,
            f"{upload.get('filename')} is not in the video. Say 'use my photos for the scenes' to put the "
            "uploads on the scenes, or 'add my photos'.",
            "upload_not_used",
            file=str(upload.get("filename")),
        )
