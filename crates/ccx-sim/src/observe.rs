//! What each kind of session receives from the model's output, the way the server is meant to
//! fan it out (before mask filtering): a reference for the server and the tool the tests, the
//! call-flow documentation and the property test use to look at the model from the outside.
//!
//! [`Views`] sorts [`Out`]s into a bridge session's stream and the streams of agent-mode
//! sessions bound to chosen agents; [`Ledger`] checks that every session sees exactly one
//! BEGIN_CALL_EVENT before any other event of a call and exactly one END_CALL_EVENT after.

use std::collections::{BTreeMap, BTreeSet};

use cti_proto::msg::Message;
use cti_proto::wire::Settings;

use crate::{Audience, Out};

/// The streams of one bridge session and of agent sessions bound to chosen agents.
#[derive(Clone, Debug, Default)]
pub struct Views {
    /// A bridge (ALL_EVENTS) session.
    pub bridge: Vec<Message>,
    /// Agent-mode sessions, by login ID.
    pub agents: BTreeMap<String, Vec<Message>>,
    /// Configuration update blocks, with the ConfigMsgMask bit they are for.
    pub config: Vec<(cti_proto::codes::ConfigMsgMask, Message)>,
    /// Team updates.
    pub team: Vec<Message>,
    /// Messages for every session.
    pub all: Vec<Message>,
}

impl Views {
    /// Views of a bridge session and of sessions bound to `agents`.
    pub fn watching(agents: &[&str]) -> Views {
        Views {
            agents: agents.iter().map(|a| (a.to_string(), Vec::new())).collect(),
            ..Views::default()
        }
    }

    /// Sort `outs` into the streams; returns the replies (for whoever asked).
    pub fn record(&mut self, outs: &[Out]) -> Vec<Message> {
        let mut replies = Vec::new();
        for o in outs {
            match o {
                Out::Reply(m) => replies.push(m.clone()),
                Out::Event(e) => match &e.audience {
                    Audience::Agents(list) => {
                        self.bridge.push(e.msg.clone());
                        self.for_agents(list, &e.msg);
                    }
                    Audience::AgentsOnly(list) => self.for_agents(list, &e.msg),
                    Audience::Bridge => self.bridge.push(e.msg.clone()),
                    Audience::Config(bit) => self.config.push((*bit, e.msg.clone())),
                    Audience::Team => self.team.push(e.msg.clone()),
                    Audience::All => self.all.push(e.msg.clone()),
                },
            }
        }
        replies
    }

    fn for_agents(&mut self, list: &[String], m: &Message) {
        for l in list {
            if let Some(v) = self.agents.get_mut(l) {
                v.push(m.clone());
            }
        }
    }

    /// The stream of agent `login`.
    pub fn agent(&self, login: &str) -> &[Message] {
        self.agents.get(login).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Forget everything recorded so far.
    pub fn clear(&mut self) {
        self.bridge.clear();
        for v in self.agents.values_mut() {
            v.clear();
        }
        self.config.clear();
        self.team.clear();
        self.all.clear();
    }
}

/// Message names, for compact assertions.
pub fn names(ms: &[Message]) -> Vec<&'static str> {
    ms.iter().map(|m| m.name()).collect()
}

/// Encode a message at protocol versions 10, 14 and 18; the error names the version.
pub fn encodes_everywhere(m: &Message) -> Result<(), String> {
    for v in [10u8, 14, 18] {
        let s = Settings::new(v);
        let bytes = m
            .to_bytes(&s)
            .map_err(|e| format!("{} does not encode at version {v}: {e}", m.name()))?;
        let back = Message::decode_frame(&bytes, &s)
            .map_err(|e| format!("{} does not decode at version {v}: {e}", m.name()))?;
        if back.type_id() != m.type_id() {
            return Err(format!(
                "{} decodes as {} at version {v}",
                m.name(),
                back.name()
            ));
        }
    }
    Ok(())
}

/// The CallID a call event is about (the primary call for TRANSFERRED / CONFERENCED), if it
/// is a call event.
pub fn call_id_of(m: &Message) -> Option<u32> {
    Some(match m {
        Message::BeginCallEvent(e) => e.call_id,
        Message::EndCallEvent(e) => e.call_id,
        Message::CallDeliveredEvent(e) => e.call_id,
        Message::CallEstablishedEvent(e) => e.call_id,
        Message::CallHeldEvent(e) => e.call_id,
        Message::CallRetrievedEvent(e) => e.call_id,
        Message::CallClearedEvent(e) => e.call_id,
        Message::CallConnectionClearedEvent(e) => e.call_id,
        Message::CallOriginatedEvent(e) => e.call_id,
        Message::CallFailedEvent(e) => e.call_id,
        Message::CallConferencedEvent(e) => e.primary_call_id,
        Message::CallTransferredEvent(e) => e.primary_call_id,
        Message::CallDivertedEvent(e) => e.call_id,
        Message::CallServiceInitiatedEvent(e) => e.call_id,
        Message::CallQueuedEvent(e) => e.call_id,
        Message::CallDataUpdateEvent(e) => e.call_id,
        _ => return None,
    })
}

/// Per session: the calls it has been told about, checked as messages arrive.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    open: BTreeSet<u32>,
    ended: BTreeSet<u32>,
    /// Calls begun, in total.
    pub begun: usize,
}

impl Ledger {
    /// Check the next message a session receives.
    pub fn see(&mut self, m: &Message) -> Result<(), String> {
        let Some(id) = call_id_of(m) else {
            return Ok(());
        };
        match m {
            Message::BeginCallEvent(_) => {
                if !self.open.insert(id) {
                    return Err(format!("second BEGIN_CALL_EVENT for call {id}"));
                }
                self.ended.remove(&id);
                self.begun += 1;
            }
            Message::EndCallEvent(_) => {
                if !self.open.remove(&id) {
                    return Err(format!("END_CALL_EVENT for call {id}, which is not open"));
                }
                self.ended.insert(id);
            }
            _ => {
                if !self.open.contains(&id) {
                    return Err(format!("{} for call {id} outside BEGIN/END", m.name()));
                }
            }
        }
        Ok(())
    }

    /// Calls begun and not ended.
    pub fn open_calls(&self) -> &BTreeSet<u32> {
        &self.open
    }
}
