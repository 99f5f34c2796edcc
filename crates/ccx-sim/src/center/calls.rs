//! Calls: arrival at a route point, queueing, offering to agents, and call control.
//! (Being written: this first version answers call-control requests with
//! E_CTI_FUNCTION_NOT_AVAILABLE.)

use cti_proto::codes::{ReasonCode, StatusCode};
use cti_proto::msg::Message;

use super::{failure, Center};
use crate::{Ctx, Millis, NewCall, Out, SimError};

impl Center {
    pub(crate) fn call_request(
        &mut self,
        _now: Millis,
        _ctx: &Ctx,
        msg: &Message,
        out: &mut Vec<Out>,
    ) {
        let inv = msg.invoke_id().unwrap_or(0);
        failure(
            out,
            inv,
            StatusCode::E_CTI_FUNCTION_NOT_AVAILABLE,
            format!("{} is not handled yet", msg.name()),
        );
    }
    pub(crate) fn arrive(
        &mut self,
        _now: Millis,
        call: NewCall,
        _out: &mut Vec<Out>,
    ) -> Result<u32, SimError> {
        Err(SimError::UnknownRoutePoint(call.dnis))
    }
    pub(crate) fn offer(
        &mut self,
        _now: Millis,
        _call: u32,
        _a: u32,
        _q: u32,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn withdraw_offer(
        &mut self,
        _now: Millis,
        _a: u32,
        _reason: ReasonCode,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn drop_queued_calls(&mut self, _now: Millis, _q: u32, _out: &mut Vec<Out>) {}
    pub(crate) fn on_ring_no_answer(
        &mut self,
        _now: Millis,
        _call: u32,
        _epoch: u32,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn on_abandon(
        &mut self,
        _now: Millis,
        _call: u32,
        _epoch: u32,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn on_caller_hangup(
        &mut self,
        _now: Millis,
        _call: u32,
        _epoch: u32,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn on_outside_answer(
        &mut self,
        _now: Millis,
        _call: u32,
        _epoch: u32,
        _out: &mut Vec<Out>,
    ) {
    }
    pub(crate) fn on_sim_answer(
        &mut self,
        _now: Millis,
        _call: u32,
        _a: u32,
        _epoch: u32,
        _out: &mut Vec<Out>,
    ) {
    }
}
