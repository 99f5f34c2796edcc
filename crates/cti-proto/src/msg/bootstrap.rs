//! Minimal stand-in for `generated.rs`, used only with `--cfg ccx_bootstrap` (see
//! `scripts/regen`).
#![allow(missing_docs, dead_code)]
use super::RawMessage;
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Unknown(RawMessage),
}
impl Message {
    pub fn decode(type_id: u32, body: &[u8], _s: &crate::wire::Settings) -> Result<Message, crate::DecodeError> {
        Ok(Message::Unknown(RawMessage { type_id, body: body.to_vec() }))
    }
    pub fn encode(&self, s: &crate::wire::Settings, out: &mut bytes::BytesMut) -> Result<(), crate::EncodeError> {
        match self {
            Message::Unknown(r) => r.encode(s, out),
        }
    }
    pub fn spec(&self) -> Option<&'static crate::spec::MessageSpec> {
        None
    }
    pub fn invoke_id(&self) -> Option<u32> {
        None
    }
}
