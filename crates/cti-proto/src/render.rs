//! Human-readable and JSON rendering of frames (filled in later).
