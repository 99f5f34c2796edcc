//! The traffic generator and the simulated agents.
//!
//! Arrivals are a Poisson process: exponentially distributed gaps with a mean of
//! 3600 / calls_per_hour seconds, drawn from the center's seeded ChaCha RNG, so a seed gives
//! the same day every time. Each caller picks an application (and, where the script has a menu,
//! sometimes the menu's other queue), talks for an exponentially distributed time, and with
//! probability `abandon_rate` has a limited patience.
//!
//! While traffic runs, every agent no client drives is simulated: logged out → logs in a few
//! seconds later; Not Ready → Ready after a short while; a ringing call is answered after 1–3 s;
//! Work → Ready after the traffic's wrap-up time. Talk time ends when the caller hangs up.

use cti_proto::codes::{AgentState, ReasonCode};
use cti_proto::msg::NamedVariable;
use rand::Rng;

use super::timers::Timer;
use super::{Center, TrafficRt};
use crate::{Millis, NewCall, Out, Traffic};

/// Mean patience of callers who may abandon.
const MEAN_PATIENCE_S: f64 = 60.0;

impl Center {
    /// An exponentially distributed duration with this mean, in milliseconds (at least 1).
    fn exp_ms(&mut self, mean_s: f64) -> Millis {
        let u: f64 = self.rng.gen_range(0.0..1.0);
        let x = -(1.0 - u).ln() * mean_s * 1000.0;
        (x.round() as Millis).max(1)
    }

    pub(crate) fn start_traffic(
        &mut self,
        now: Millis,
        traffic: Option<Traffic>,
        _out: &mut Vec<Out>,
    ) {
        self.traffic_generations += 1;
        let generation = self.traffic_generations;
        let Some(settings) =
            traffic.filter(|t| t.calls_per_hour > 0.0 && t.calls_per_hour.is_finite())
        else {
            self.traffic = None;
            return;
        };
        let settings = Traffic {
            handle_time_s: settings.handle_time_s.max(1.0),
            wrap_up_s: settings.wrap_up_s.max(0.0),
            abandon_rate: settings.abandon_rate.clamp(0.0, 1.0),
            ..settings
        };
        self.traffic = Some(TrafficRt {
            settings,
            generation,
        });
        let gap = self.exp_ms(3600.0 / settings.calls_per_hour);
        self.timers.set(now + gap, Timer::Arrival { generation });
        for a in 0..self.agents.len() as u32 {
            self.sim_schedule(now, a);
        }
    }

    pub(crate) fn on_arrival(&mut self, now: Millis, generation: u32, out: &mut Vec<Out>) {
        let Some(t) = self.traffic.filter(|t| t.generation == generation) else {
            return;
        };
        let gap = self.exp_ms(3600.0 / t.settings.calls_per_hour);
        self.timers.set(now + gap, Timer::Arrival { generation });
        if self.config.applications.is_empty() {
            return;
        }
        let app = self.rng.gen_range(0..self.config.applications.len());
        let (trigger, menu_key) = {
            let a = &self.config.applications[app];
            let trigger = a.triggers[self.rng.gen_range(0..a.triggers.len())].clone();
            // One caller in five takes the menu's other queue (press 2 for Spanish...).
            let key = if !a.menu.is_empty() && self.rng.gen_bool(0.2) {
                let keys: Vec<&String> = a.menu.keys().collect();
                Some(keys[self.rng.gen_range(0..keys.len())].clone())
            } else {
                None
            };
            (trigger, key)
        };
        let patience = if self.rng.gen_bool(t.settings.abandon_rate) {
            Some((self.exp_ms(MEAN_PATIENCE_S) / 1000).max(1) as u32)
        } else {
            None
        };
        let talk = (self.exp_ms(t.settings.handle_time_s) / 1000).max(5) as u32;
        let account: u32 = self.rng.gen_range(100_000..1_000_000);
        let ani = format!("+1555{:07}", self.rng.gen_range(0..10_000_000u32));
        let mut vars: [Option<String>; 10] = Default::default();
        vars[0] = Some(account.to_string());
        let call = NewCall {
            dnis: trigger,
            ani,
            call_variables: vars,
            ecc: vec![NamedVariable::new("user.account", account.to_string())],
            ecc_arrays: Vec::new(),
            caller_entered_digits: menu_key,
            patience_s: patience,
            talk_s: Some(talk),
        };
        // A caller who finds the application full or the phone system down is not counted:
        // in the real world they would hear a busy tone.
        let _ = self.arrive(now, call, out);
    }

    /// Set the next action of agent `a` if it is simulated.
    pub(crate) fn sim_schedule(&mut self, now: Millis, a: u32) {
        if !self.is_simulated(a) || !self.phone_up {
            return;
        }
        let Some(t) = self.traffic else {
            return;
        };
        let ag = &self.agents[a as usize];
        let delay = match ag.state {
            AgentState::AGENT_STATE_LOGOUT => self.rng.gen_range(0..5000),
            AgentState::AGENT_STATE_NOT_READY => self.rng.gen_range(2000..10_000),
            AgentState::AGENT_STATE_WORK => (t.settings.wrap_up_s * 1000.0) as Millis,
            _ => return,
        };
        let epoch = self.agents[a as usize].epoch;
        self.timers
            .set(now + delay, Timer::SimAgent { agent: a, epoch });
    }

    pub(crate) fn on_sim_agent(&mut self, now: Millis, a: u32, epoch: u32, out: &mut Vec<Out>) {
        if self.agents[a as usize].epoch != epoch || !self.is_simulated(a) || !self.phone_up {
            return;
        }
        match self.agents[a as usize].state {
            AgentState::AGENT_STATE_LOGOUT => self.set_state(
                now,
                a,
                AgentState::AGENT_STATE_NOT_READY,
                ReasonCode::AGT_LOGON,
                out,
            ),
            AgentState::AGENT_STATE_NOT_READY | AgentState::AGENT_STATE_WORK
                if self.agents[a as usize].calls.is_empty() =>
            {
                self.set_state(now, a, AgentState::AGENT_STATE_READY, ReasonCode(0), out)
            }
            _ => {}
        }
    }
}
