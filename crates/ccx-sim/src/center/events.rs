//! Builders of call-event messages from the model's calls and parties, so that every event of
//! one kind carries its fields the same way wherever it is sent from.
//!
//! Conventions (07-call-events §2–§4): ConnectionDeviceType is always CONNECTION_ID_STATIC;
//! device types are the DEVID_* values (agent phone 76, route point 74, CTI port 73, queue 77,
//! outside number 0); ApplicationID and CSQID are 0xFFFFFFFF when the call has none; lineType
//! is 3 for business (ACD) calls and 10 otherwise. The connection named in CALL_DELIVERED_EVENT
//! is the calling party's, which is what ANSWER_CALL_REQ quotes back.

use cti_proto::codes::{
    CallType, ConnectionDeviceType, DeviceType, EventCause, LocalConnectionState,
};
use cti_proto::msg::{
    BeginCallEvent, CallClearedEvent, CallConferencedEvent, CallConnectionClearedEvent,
    CallDataUpdateEvent, CallDeliveredEvent, CallDivertedEvent, CallEstablishedEvent,
    CallFailedEvent, CallHeldEvent, CallOriginatedEvent, CallQueuedEvent, CallRetrievedEvent,
    CallServiceInitiatedEvent, CallTransferredEvent, ConnectedParty, EndCallEvent, QueuedCsq,
    SnapshotCallConf, SnapshotCallDevice,
};

use super::{Call, Center, Party, NONE_ID};

const STATIC: ConnectionDeviceType = ConnectionDeviceType::CONNECTION_ID_STATIC;

/// Copy a call's context (ANI, DNIS, dialed number, caller-entered digits, call variables,
/// wrap-up data, ECC) into a message that carries it.
macro_rules! fill_context {
    ($m:expr, $c:expr) => {{
        let c: &Call = $c;
        $m.ani = (!c.ani.is_empty()).then(|| c.ani.clone()).map(Into::into);
        $m.dnis = c.dnis.clone().map(Into::into);
        $m.dialed_number = c.dialed.clone().map(Into::into);
        $m.caller_entered_digits = c.ced.clone().map(Into::into);
        $m.call_variable_1 = c.vars[0].clone().map(Into::into);
        $m.call_variable_2 = c.vars[1].clone().map(Into::into);
        $m.call_variable_3 = c.vars[2].clone().map(Into::into);
        $m.call_variable_4 = c.vars[3].clone().map(Into::into);
        $m.call_variable_5 = c.vars[4].clone().map(Into::into);
        $m.call_variable_6 = c.vars[5].clone().map(Into::into);
        $m.call_variable_7 = c.vars[6].clone().map(Into::into);
        $m.call_variable_8 = c.vars[7].clone().map(Into::into);
        $m.call_variable_9 = c.vars[8].clone().map(Into::into);
        $m.call_variable_10 = c.vars[9].clone().map(Into::into);
        $m.call_wrapup_data = c.wrapup.clone().map(Into::into);
        $m.named_variables = c.named_vars.clone();
        $m.named_arrays = c.named_arrays.clone();
    }};
}

/// A party that is not there (DEVID_NONE, no ID).
pub(crate) fn nobody() -> Party {
    Party {
        device: String::new(),
        dtype: DeviceType::DEVID_NONE,
        lcs: LocalConnectionState::LCS_NONE,
        agent: None,
    }
}

fn id_of(p: &Party) -> Option<cti_proto::msg::Text> {
    (!p.device.is_empty()).then(|| p.device.as_str().into())
}

impl Center {
    /// The CSQID a call's events carry.
    pub(crate) fn csq_wire(&self, c: &Call) -> u32 {
        c.csq
            .map(|q| self.csqs[q as usize].cfg.id)
            .unwrap_or(NONE_ID)
    }

    /// The call's calling party: its first party.
    pub(crate) fn caller_of(c: &Call) -> Party {
        c.parties.first().cloned().unwrap_or_else(nobody)
    }

    pub(crate) fn ev_begin(&self, c: &Call, call_type: CallType, conn: &str) -> BeginCallEvent {
        let mut m = BeginCallEvent {
            call_type,
            connection_device_type: STATIC,
            call_id: c.id,
            called_party_disposition: 0,
            connection_device_id: conn.into(),
            ..Default::default()
        };
        fill_context!(m, c);
        m
    }

    pub(crate) fn ev_end(&self, call_id: u32, conn: &str) -> EndCallEvent {
        EndCallEvent {
            connection_device_type: STATIC,
            call_id,
            connection_device_id: conn.into(),
            ..Default::default()
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ev_delivered(
        &self,
        c: &Call,
        alerting: &Party,
        called: &Party,
        last_redirect: &Party,
        cause: EventCause,
    ) -> CallDeliveredEvent {
        let calling = Self::caller_of(c);
        let mut m = CallDeliveredEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            line_type: c.line_type,
            application_id: c.app_id,
            csq_id: self.csq_wire(c),
            alerting_device_type: alerting.dtype,
            calling_device_type: calling.dtype,
            called_device_type: called.dtype,
            last_redirect_device_type: last_redirect.dtype,
            local_connection_state: LocalConnectionState::LCS_ALERTING,
            event_cause: cause,
            connection_device_id: calling.device.clone().into(),
            alerting_device_id: id_of(alerting),
            calling_device_id: id_of(&calling),
            called_device_id: id_of(called),
            last_redirect_device_id: id_of(last_redirect),
            ..Default::default()
        };
        fill_context!(m, c);
        m
    }

    pub(crate) fn ev_established(
        &self,
        c: &Call,
        answering: &Party,
        called: &Party,
        last_redirect: &Party,
    ) -> CallEstablishedEvent {
        let calling = Self::caller_of(c);
        CallEstablishedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            line_type: c.line_type,
            application_id: c.app_id,
            csq_id: self.csq_wire(c),
            answering_device_type: answering.dtype,
            calling_device_type: calling.dtype,
            called_device_type: called.dtype,
            last_redirect_device_type: last_redirect.dtype,
            local_connection_state: LocalConnectionState::LCS_CONNECT,
            event_cause: EventCause::CEC_NONE,
            connection_device_id: answering.device.clone().into(),
            answering_device_id: id_of(answering),
            calling_device_id: id_of(&calling),
            called_device_id: id_of(called),
            last_redirect_device_id: id_of(last_redirect),
            ..Default::default()
        }
    }

    pub(crate) fn ev_held(&self, c: &Call, holder: &Party) -> CallHeldEvent {
        CallHeldEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            holding_device_type: holder.dtype,
            local_connection_state: LocalConnectionState::LCS_HOLD,
            event_cause: EventCause::CEC_NONE,
            connection_device_id: holder.device.clone().into(),
            holding_device_id: holder.device.clone().into(),
            ..Default::default()
        }
    }

    pub(crate) fn ev_retrieved(&self, c: &Call, by: &Party) -> CallRetrievedEvent {
        CallRetrievedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            retrieving_device_type: by.dtype,
            local_connection_state: LocalConnectionState::LCS_CONNECT,
            event_cause: EventCause::CEC_NONE,
            connection_device_id: by.device.clone().into(),
            retrieving_device_id: id_of(by),
            ..Default::default()
        }
    }

    pub(crate) fn ev_connection_cleared(
        &self,
        c: &Call,
        releasing: &Party,
        cause: EventCause,
    ) -> CallConnectionClearedEvent {
        CallConnectionClearedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            releasing_device_type: releasing.dtype,
            local_connection_state: LocalConnectionState::LCS_NULL,
            event_cause: cause,
            connection_device_id: releasing.device.clone().into(),
            releasing_device_id: releasing.device.clone().into(),
            ..Default::default()
        }
    }

    pub(crate) fn ev_cleared(&self, c: &Call, conn: &str, cause: EventCause) -> CallClearedEvent {
        CallClearedEvent {
            call_id: c.id,
            local_connection_state: LocalConnectionState::LCS_NULL,
            event_cause: cause,
            connection_device_id: (!conn.is_empty()).then(|| conn.to_owned()).map(Into::into),
            ..Default::default()
        }
    }

    pub(crate) fn ev_service_initiated(
        &self,
        c: &Call,
        calling: &Party,
    ) -> CallServiceInitiatedEvent {
        CallServiceInitiatedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            line_type: c.line_type,
            application_id: c.app_id,
            csq_id: self.csq_wire(c),
            line_type_copy: c.line_type,
            calling_device_type: calling.dtype,
            local_connection_state: LocalConnectionState::LCS_INITIATE,
            event_cause: EventCause::CEC_NEW_CALL,
            connection_device_id: calling.device.clone().into(),
            calling_device_id: calling.device.clone().into(),
            ..Default::default()
        }
    }

    pub(crate) fn ev_originated(
        &self,
        c: &Call,
        calling: &Party,
        called: &Party,
    ) -> CallOriginatedEvent {
        CallOriginatedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            line_type: c.line_type,
            application_id: c.app_id,
            csq_id: self.csq_wire(c),
            calling_device_type: calling.dtype,
            called_device_type: called.dtype,
            local_connection_state: LocalConnectionState::LCS_CONNECT,
            event_cause: EventCause::CEC_NONE,
            connection_device_id: calling.device.clone().into(),
            calling_device_id: calling.device.clone().into(),
            called_device_id: id_of(called),
            ..Default::default()
        }
    }

    pub(crate) fn ev_failed(
        &self,
        c: &Call,
        failing: &Party,
        cause: EventCause,
    ) -> CallFailedEvent {
        let calling = Self::caller_of(c);
        CallFailedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            failing_device_type: failing.dtype,
            called_device_type: failing.dtype,
            local_connection_state: LocalConnectionState::LCS_FAIL,
            event_cause: cause,
            connection_device_id: calling.device.into(),
            failing_device_id: id_of(failing),
            called_device_id: id_of(failing),
            ..Default::default()
        }
    }

    /// CALL_QUEUED_EVENT: the call waits in its CSQ, held on `holder` (the CTI port).
    pub(crate) fn ev_queued(
        &self,
        c: &Call,
        holder: &Party,
        route_point: &Party,
    ) -> CallQueuedEvent {
        let calling = Self::caller_of(c);
        let csq = self.csq_wire(c);
        CallQueuedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            application_id: c.app_id,
            queue_device_type: DeviceType::DEVID_QUEUE,
            calling_device_type: calling.dtype,
            called_device_type: route_point.dtype,
            last_redirect_device_type: route_point.dtype,
            local_connection_state: LocalConnectionState::LCS_QUEUED,
            event_cause: EventCause::CEC_NONE,
            connection_device_id: holder.device.clone().into(),
            queue_device_id: Some(csq.to_string().into()),
            calling_device_id: id_of(&calling),
            called_device_id: id_of(route_point),
            last_redirect_device_id: id_of(route_point),
            csqs: vec![QueuedCsq { csq_id: csq }],
            ..Default::default()
        }
    }

    pub(crate) fn ev_diverted(
        &self,
        c: &Call,
        diverting: &Party,
        called: &Party,
        cause: EventCause,
    ) -> CallDivertedEvent {
        CallDivertedEvent {
            connection_device_type: STATIC,
            call_id: c.id,
            application_id: c.app_id,
            diverting_device_type: diverting.dtype,
            called_device_type: called.dtype,
            local_connection_state: LocalConnectionState::LCS_NULL,
            event_cause: cause,
            connection_device_id: diverting.device.clone().into(),
            diverting_device_id: diverting.device.clone().into(),
            called_device_id: called.device.clone().into(),
            ..Default::default()
        }
    }

    /// The connected-party list of a call: every party's (CallID, type, device).
    pub(crate) fn connected_parties(c: &Call) -> Vec<ConnectedParty> {
        c.parties
            .iter()
            .take(16)
            .map(|p| ConnectedParty {
                call_id: c.id,
                device_type: STATIC,
                device_id: p.device.clone().into(),
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ev_transferred(
        &self,
        primary: &Call,
        secondary: u32,
        transferring: &Party,
        transferred: &Party,
    ) -> CallTransferredEvent {
        CallTransferredEvent {
            primary_device_type: STATIC,
            primary_call_id: primary.id,
            line_type: primary.line_type,
            secondary_device_type: STATIC,
            secondary_call_id: secondary,
            transferring_device_type: transferring.dtype,
            transferred_device_type: transferred.dtype,
            local_connection_state: LocalConnectionState::LCS_CONNECT,
            event_cause: EventCause::CEC_TRANSFER,
            primary_device_id: id_of(transferring),
            secondary_device_id: id_of(transferring),
            transferring_device_id: id_of(transferring),
            transferred_device_id: id_of(transferred),
            connected_parties: Self::connected_parties(primary),
            ..Default::default()
        }
    }

    pub(crate) fn ev_conferenced(
        &self,
        primary: &Call,
        secondary: u32,
        controller: &Party,
        added: &Party,
        cause: EventCause,
    ) -> CallConferencedEvent {
        CallConferencedEvent {
            primary_device_type: STATIC,
            primary_call_id: primary.id,
            line_type: primary.line_type,
            secondary_device_type: STATIC,
            secondary_call_id: secondary,
            controller_device_type: controller.dtype,
            added_party_device_type: added.dtype,
            local_connection_state: LocalConnectionState::LCS_CONNECT,
            event_cause: cause,
            primary_device_id: id_of(controller),
            secondary_device_id: id_of(added),
            controller_device_id: id_of(controller),
            added_party_device_id: id_of(added),
            connected_parties: Self::connected_parties(primary),
            ..Default::default()
        }
    }

    /// CALL_DATA_UPDATE_EVENT announcing a new classification of the call.
    pub(crate) fn ev_call_type_update(&self, c: &Call, conn: &str) -> CallDataUpdateEvent {
        CallDataUpdateEvent {
            call_type: c.call_type,
            connection_device_type: STATIC,
            call_id: c.id,
            new_connection_device_type: STATIC,
            new_call_id: c.id,
            connection_device_id: conn.into(),
            new_connection_device_id: Some(conn.into()),
            ..Default::default()
        }
    }

    pub(crate) fn snapshot_call(&self, invoke_id: u32, c: &Call) -> SnapshotCallConf {
        let mut m = SnapshotCallConf {
            invoke_id,
            call_type: c.call_type,
            call_devices: c
                .parties
                .iter()
                .take(16)
                .map(|p| SnapshotCallDevice {
                    call_connection_call_id: c.id,
                    call_connection_device_type: STATIC,
                    call_connection_device_id: p.device.clone().into(),
                    call_device_type: p.dtype,
                    call_device_id: p.device.clone().into(),
                    call_device_connection_state: p.lcs,
                })
                .collect(),
            ..Default::default()
        };
        fill_context!(m, c);
        m
    }
}
