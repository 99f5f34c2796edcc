//! Builders of call-event messages.
