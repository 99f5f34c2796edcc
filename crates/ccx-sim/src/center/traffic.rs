//! The traffic generator and simulated agents. (Being written.)

use super::Center;
use crate::{Millis, Out, Traffic};

impl Center {
    pub(crate) fn start_traffic(
        &mut self,
        _now: Millis,
        traffic: Option<Traffic>,
        _out: &mut Vec<Out>,
    ) {
        self.traffic = traffic.map(|settings| super::TrafficRt {
            settings,
            generation: 0,
        });
    }
    pub(crate) fn on_arrival(&mut self, _now: Millis, _generation: u32, _out: &mut Vec<Out>) {}
    pub(crate) fn sim_schedule(&mut self, _now: Millis, _a: u32) {}
    pub(crate) fn on_sim_agent(&mut self, _now: Millis, _a: u32, _epoch: u32, _out: &mut Vec<Out>) {
    }
}
