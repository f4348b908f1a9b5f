"""Sound made on the machine: music loops per mood (numpy), speech (espeak-ng through ctypes), and
narration files named by what they say.

May import `storage.file_storage` (where the files go); nothing else of the engine, no ADK.
"""
