//! A `tokio_util::codec` framer (feature `tokio`): splits a byte stream into whole frames,
//! checking the body limit from the header before any of the body is buffered.

use bytes::{Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder};

use crate::wire::{self, Header, Split, TooLarge, DEFAULT_MAX_BODY};

/// One whole frame: its header and its bytes (header included), shared without copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The header.
    pub header: Header,
    /// The whole frame, header included.
    pub bytes: Bytes,
}

impl Frame {
    /// The body (the bytes after the header).
    pub fn body(&self) -> &[u8] {
        &self.bytes[wire::HEADER_LEN..]
    }
}

/// Errors of the framer.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// A header declared a body over the limit. The connection cannot be resynchronised.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// The socket failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Splits bytes into [`Frame`]s and writes already-encoded frames.
#[derive(Clone, Copy, Debug)]
pub struct FrameCodec {
    max_body: u32,
}

impl Default for FrameCodec {
    fn default() -> Self {
        FrameCodec {
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

impl FrameCodec {
    /// A framer accepting bodies of at most `max_body` bytes.
    pub fn new(max_body: u32) -> Self {
        FrameCodec { max_body }
    }
}

impl Decoder for FrameCodec {
    type Item = Frame;
    type Error = FrameError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Frame>, FrameError> {
        match wire::split(src, self.max_body)? {
            Split::Frame(header) => {
                let bytes = src.split_to(header.frame_len()).freeze();
                Ok(Some(Frame { header, bytes }))
            }
            Split::Incomplete => {
                if let Some(h) = Header::peek(src) {
                    // Reserve only what this frame still needs (bounded by max_body).
                    src.reserve(h.frame_len().saturating_sub(src.len()));
                }
                Ok(None)
            }
        }
    }
}

impl Encoder<Bytes> for FrameCodec {
    type Error = FrameError;

    fn encode(&mut self, item: Bytes, dst: &mut BytesMut) -> Result<(), FrameError> {
        dst.extend_from_slice(&item);
        Ok(())
    }
}

impl Encoder<&[u8]> for FrameCodec {
    type Error = FrameError;

    fn encode(&mut self, item: &[u8], dst: &mut BytesMut) -> Result<(), FrameError> {
        dst.extend_from_slice(item);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Buf;

    #[test]
    fn splits_frames_and_refuses_oversized_headers() {
        let mut c = FrameCodec::new(16);
        let mut b = BytesMut::from(&[0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0][..]);
        let f = c.decode(&mut b).unwrap().unwrap();
        assert_eq!(
            f.header,
            Header {
                body_len: 4,
                type_id: 5
            }
        );
        assert_eq!(f.body(), &[0, 0, 0, 1]);
        assert_eq!(c.decode(&mut b).unwrap(), None);
        b.extend_from_slice(&[0, 0x20, 0, 0, 0, 5]);
        assert!(matches!(c.decode(&mut b), Err(FrameError::TooLarge(_))));
        b.advance(b.len());
    }
}
