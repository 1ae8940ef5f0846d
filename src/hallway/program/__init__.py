"""The program's building blocks: tracks, rooms (microlocations), session types and the video
streams of online rooms."""
