//! Typed request methods: one per client request of the message set, each returning its
//! confirmation or a [`RequestError`] carrying the status, plus small builders for the
//! requests an agent desktop sends most.

use std::time::Duration;

use cti_proto::codes::{AgentState, ConfigurationMask, ConnectionDeviceType, ReasonCode};
use cti_proto::msg::*;
use cti_proto::{CtiMessage, Message};

use crate::client::Client;
use crate::error::RequestError;
use crate::state::{ConfigSnapshot, Reply, TeamConfig, TEAM_CONFIG_INITIAL};

/// CallID meaning "the call that is alerting" in ANSWER_CALL_REQ.
pub const ANY_CALL: u32 = 0xFFFF_FFFF;
/// ForcedFlag: do not force.
pub const FORCED_FALSE: u8 = 0;
/// ForcedFlag: force the login or logout.
pub const FORCED_TRUE: u8 = 1;

fn reply_name(r: &Reply) -> &'static str {
    match r {
        Reply::Confirmation(m) => m.name(),
        Reply::ConfigSnapshot(_) => "CONFIG_BEGIN_EVENT",
        Reply::TeamConfig(_) => "TEAM_CONFIG_CONF",
    }
}

macro_rules! typed_requests {
    ($( $(#[$doc:meta])* $name:ident($req:ident) -> $conf:ident; )*) => {
        impl Client {
            $(
                $(#[$doc])*
                pub async fn $name(&self, req: $req) -> Result<$conf, RequestError> {
                    self.typed::<$conf>(req.into(), None, |m| match m {
                        Message::$conf(c) => Some(c),
                        _ => None,
                    })
                    .await
                }
            )*
        }
    };
}

impl Client {
    async fn typed<C: CtiMessage>(
        &self,
        msg: Message,
        timeout: Option<Duration>,
        pick: impl FnOnce(Message) -> Option<C>,
    ) -> Result<C, RequestError> {
        let t = timeout.unwrap_or(self.config().request_timeout);
        match self.request_with_timeout(msg, t).await? {
            Reply::Confirmation(m) => {
                let got = m.name();
                pick(m).ok_or(RequestError::UnexpectedReply {
                    expected: C::SPEC.name,
                    got,
                })
            }
            other => Err(RequestError::UnexpectedReply {
                expected: C::SPEC.name,
                got: reply_name(&other),
            }),
        }
    }

    /// CONFIG_REQUEST_KEY_EVENT → CONFIG_KEY_EVENT (the server's current configuration keys).
    pub async fn config_keys(&self) -> Result<ConfigKeyEvent, RequestError> {
        self.typed::<ConfigKeyEvent>(ConfigRequestKeyEvent::default().into(), None, |m| match m {
            Message::ConfigKeyEvent(k) => Some(k),
            _ => None,
        })
        .await
    }

    /// CONFIG_REQUEST_EVENT → CONFIG_BEGIN_EVENT, records, CONFIG_END_EVENT. A mask of 0 asks
    /// for updates only and has no answer: it returns an empty snapshot once sent. The cache is
    /// updated either way.
    pub async fn config_snapshot(
        &self,
        mask: ConfigurationMask,
    ) -> Result<ConfigSnapshot, RequestError> {
        let req = ConfigRequestEvent {
            configuration_mask: mask,
            ..Default::default()
        };
        match self.request(req).await? {
            Reply::ConfigSnapshot(s) => Ok(s),
            other => Err(RequestError::UnexpectedReply {
                expected: "CONFIG_END_EVENT",
                got: reply_name(&other),
            }),
        }
    }

    /// TEAM_CONFIG_REQ → TEAM_CONFIG_EVENTs and TEAM_CONFIG_CONF (needs
    /// CTI_SERVICE_SUPERVISOR). `config_param` 0x1 asks for the initial configuration.
    pub async fn team_config(&self, config_param: u16) -> Result<TeamConfig, RequestError> {
        let req = TeamConfigReq {
            config_param,
            ..Default::default()
        };
        match self.request(req).await? {
            Reply::TeamConfig(t) => Ok(t),
            other => Err(RequestError::UnexpectedReply {
                expected: "TEAM_CONFIG_CONF",
                got: reply_name(&other),
            }),
        }
    }

    /// [`Client::team_config`] with the initial configuration.
    pub async fn teams(&self) -> Result<TeamConfig, RequestError> {
        self.team_config(TEAM_CONFIG_INITIAL).await
    }
}

typed_requests! {
    /// SET_AGENT_STATE_REQ → SET_AGENT_STATE_CONF (or CONTROL_FAILURE_CONF / FAILURE_CONF).
    set_agent_state(SetAgentStateReq) -> SetAgentStateConf;
    /// QUERY_AGENT_STATE_REQ → QUERY_AGENT_STATE_CONF.
    query_agent_state(QueryAgentStateReq) -> QueryAgentStateConf;
    /// ALTERNATE_CALL_REQ → ALTERNATE_CALL_CONF.
    alternate_call(AlternateCallReq) -> AlternateCallConf;
    /// ANSWER_CALL_REQ → ANSWER_CALL_CONF.
    answer_call(AnswerCallReq) -> AnswerCallConf;
    /// CLEAR_CALL_REQ → CLEAR_CALL_CONF.
    clear_call(ClearCallReq) -> ClearCallConf;
    /// CLEAR_CONNECTION_REQ → CLEAR_CONNECTION_CONF.
    clear_connection(ClearConnectionReq) -> ClearConnectionConf;
    /// CONFERENCE_CALL_REQ → CONFERENCE_CALL_CONF.
    conference_call(ConferenceCallReq) -> ConferenceCallConf;
    /// CONSULT_CALL_REQ → CONSULT_CALL_CONF.
    consult_call(ConsultCallReq) -> ConsultCallConf;
    /// HOLD_CALL_REQ → HOLD_CALL_CONF.
    hold_call(HoldCallReq) -> HoldCallConf;
    /// MAKE_CALL_REQ → MAKE_CALL_CONF.
    make_call(MakeCallReq) -> MakeCallConf;
    /// RECONNECT_CALL_REQ → RECONNECT_CALL_CONF.
    reconnect_call(ReconnectCallReq) -> ReconnectCallConf;
    /// RETRIEVE_CALL_REQ → RETRIEVE_CALL_CONF.
    retrieve_call(RetrieveCallReq) -> RetrieveCallConf;
    /// TRANSFER_CALL_REQ → TRANSFER_CALL_CONF.
    transfer_call(TransferCallReq) -> TransferCallConf;
    /// SET_CALL_DATA_REQ → SET_CALL_DATA_CONF.
    set_call_data(SetCallDataReq) -> SetCallDataConf;
    /// SEND_DTMF_SIGNAL_REQ → SEND_DTMF_SIGNAL_CONF.
    send_dtmf(SendDtmfSignalReq) -> SendDtmfSignalConf;
    /// QUERY_DEVICE_INFO_REQ → QUERY_DEVICE_INFO_CONF.
    query_device_info(QueryDeviceInfoReq) -> QueryDeviceInfoConf;
    /// SNAPSHOT_CALL_REQ → SNAPSHOT_CALL_CONF.
    snapshot_call(SnapshotCallReq) -> SnapshotCallConf;
    /// SNAPSHOT_DEVICE_REQ → SNAPSHOT_DEVICE_CONF.
    snapshot_device(SnapshotDeviceReq) -> SnapshotDeviceConf;
    /// SUPERVISOR_ASSIST_REQ → SUPERVISOR_ASSIST_CONF.
    supervisor_assist(SupervisorAssistReq) -> SupervisorAssistConf;
    /// EMERGENCY_CALL_REQ → EMERGENCY_CALL_CONF.
    emergency_call(EmergencyCallReq) -> EmergencyCallConf;
    /// SUPERVISE_CALL_REQ → SUPERVISE_CALL_CONF.
    supervise_call(SuperviseCallReq) -> SuperviseCallConf;
    /// BAD_CALL_REQ → BAD_CALL_CONF.
    bad_call(BadCallReq) -> BadCallConf;
    /// QUERY_QUEUE_STATISTICS_REQ → QUERY_QUEUE_STATISTICS_CONF.
    query_queue_statistics(QueryQueueStatisticsReq) -> QueryQueueStatisticsConf;
    /// QUERY_AGENT_QUEUE_STATISTICS_REQ → QUERY_AGENT_QUEUE_STATISTICS_CONF.
    query_agent_queue_statistics(QueryAgentQueueStatisticsReq) -> QueryAgentQueueStatisticsConf;
    /// QUERY_SUMMARY_STATISTICS_REQ → QUERY_SUMMARY_STATISTICS_CONF.
    query_summary_statistics(QuerySummaryStatisticsReq) -> QuerySummaryStatisticsConf;
    /// HEARTBEAT_REQ → HEARTBEAT_CONF (the client sends its own on a timer; this is for probing).
    heartbeat(HeartbeatReq) -> HeartbeatConf;
}

/// Builders for the requests an agent desktop sends most. Device IDs are the strings the
/// server reported (ConnectionDeviceID of the call events), usually the agent's extension.
pub mod build {
    use super::*;

    /// SET_AGENT_STATE_REQ logging `agent_id` in on `instrument`.
    pub fn login(
        agent_id: &str,
        instrument: &str,
        password: &str,
        forced: bool,
    ) -> SetAgentStateReq {
        SetAgentStateReq {
            agent_state: AgentState::AGENT_STATE_LOGIN,
            forced_flag: if forced { FORCED_TRUE } else { FORCED_FALSE },
            agent_instrument: instrument.into(),
            agent_password: Some(password.into()),
            agent_id: Some(agent_id.into()),
            ..Default::default()
        }
    }

    /// SET_AGENT_STATE_REQ to `state` (READY, NOT_READY, WORK, LOGOUT) with a reason code.
    /// The agent ID is required for LOGOUT and harmless otherwise.
    pub fn agent_state(
        state: AgentState,
        reason: u16,
        agent_id: Option<&str>,
        instrument: &str,
        forced: bool,
    ) -> SetAgentStateReq {
        SetAgentStateReq {
            agent_state: state,
            event_reason_code: ReasonCode(reason),
            forced_flag: if forced { FORCED_TRUE } else { FORCED_FALSE },
            agent_instrument: instrument.into(),
            agent_id: agent_id.map(str::to_string).map(Into::into),
            ..Default::default()
        }
    }

    /// QUERY_AGENT_STATE_REQ by login ID.
    pub fn query_agent(agent_id: &str) -> QueryAgentStateReq {
        QueryAgentStateReq {
            agent_id: Some(agent_id.into()),
            ..Default::default()
        }
    }

    /// ANSWER_CALL_REQ for `call_id` (or [`ANY_CALL`]: whatever alerts on `instrument`).
    pub fn answer(call_id: u32, device: Option<&str>, instrument: &str) -> AnswerCallReq {
        AnswerCallReq {
            call_id,
            connection_device_type: if call_id == ANY_CALL {
                ConnectionDeviceType::CONNECTION_ID_NONE
            } else {
                ConnectionDeviceType::CONNECTION_ID_STATIC
            },
            connection_device_id: device.map(str::to_string).map(Into::into),
            agent_instrument: Some(instrument.into()),
            ..Default::default()
        }
    }

    /// HOLD_CALL_REQ on the connection `device` of `call_id`.
    pub fn hold(call_id: u32, device: &str, instrument: &str) -> HoldCallReq {
        HoldCallReq {
            call_id,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: device.into(),
            agent_instrument: Some(instrument.into()),
            ..Default::default()
        }
    }

    /// RETRIEVE_CALL_REQ on the held connection `device` of `call_id`.
    pub fn retrieve(call_id: u32, device: &str, instrument: &str) -> RetrieveCallReq {
        RetrieveCallReq {
            held_call_id: call_id,
            held_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            held_connection_device_id: device.into(),
            agent_instrument: Some(instrument.into()),
            ..Default::default()
        }
    }

    /// CLEAR_CONNECTION_REQ: take `device` out of `call_id`.
    pub fn clear_connection(call_id: u32, device: &str, instrument: &str) -> ClearConnectionReq {
        ClearConnectionReq {
            call_id,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: device.into(),
            agent_instrument: Some(instrument.into()),
            ..Default::default()
        }
    }

    /// CLEAR_CALL_REQ: end `call_id` for every party.
    pub fn clear_call(call_id: u32, device: &str, instrument: &str) -> ClearCallReq {
        ClearCallReq {
            call_id,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: device.into(),
            agent_instrument: Some(instrument.into()),
            ..Default::default()
        }
    }

    /// MAKE_CALL_REQ from `instrument` to `number`.
    pub fn make_call(instrument: &str, number: &str) -> MakeCallReq {
        MakeCallReq {
            agent_instrument: instrument.into(),
            dialed_number: number.into(),
            ..Default::default()
        }
    }
}
