//! Queues and agent selection, and the statistics queries that read them.
//!
//! Each CSQ keeps its Ready members (with no call on their phone) in an ordered set keyed by
//! (rank, Ready since, tiebreak): rank is 0 for every agent under LongestAvailable and
//! `u32::MAX - competence` under MostSkilled, so the first element is always the agent the
//! policy picks. Waiting calls sit in a FIFO of (CallID, ticket); a call that leaves the queue
//! gets a new ticket, which makes its old entry stale, so nothing is ever removed from the
//! middle of a queue.

use cti_proto::codes::{AgentState, StatusCode};
use cti_proto::msg::{
    QueryAgentQueueStatisticsConf, QueryAgentQueueStatisticsReq, QueryQueueStatisticsConf,
    QueryQueueStatisticsReq, QuerySummaryStatisticsConf, QuerySummaryStatisticsReq,
};

use super::{failure, reply, Center, Phase};
use crate::config::{Agent, Csq, RoutingPolicy};
use crate::{Millis, Out};

/// Member counts of a CSQ (or of the whole center) by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) logged_in: u32,
    pub(crate) ready: u32,
    pub(crate) reserved: u32,
    pub(crate) talking: u32,
    pub(crate) work: u32,
    pub(crate) not_ready: u32,
}

impl Counts {
    fn add(&mut self, s: AgentState) {
        if s == AgentState::AGENT_STATE_LOGOUT {
            return;
        }
        self.logged_in += 1;
        match s {
            AgentState::AGENT_STATE_READY => self.ready += 1,
            AgentState::AGENT_STATE_RESERVED => self.reserved += 1,
            AgentState::AGENT_STATE_TALKING => self.talking += 1,
            AgentState::AGENT_STATE_WORK => self.work += 1,
            _ => self.not_ready += 1,
        }
    }
}

/// The rank of `agent` in `csq`'s available set (smaller = picked first).
pub(crate) fn rank(agent: &Agent, csq: &Csq) -> u32 {
    match csq.policy {
        RoutingPolicy::LongestAvailable => 0,
        RoutingPolicy::MostSkilled => u32::MAX - agent.competence_for(csq),
    }
}

fn sat16(n: u32) -> u16 {
    n.min(u16::MAX as u32) as u16
}

impl Center {
    /// Put agent `a` into, or take it out of, its CSQs' available sets, as its state says.
    pub(crate) fn refresh_availability(&mut self, now: Millis, a: u32) {
        let ag = &self.agents[a as usize];
        let want = !ag.deleted
            && self.phone_up
            && ag.state == AgentState::AGENT_STATE_READY
            && ag.calls.is_empty();
        match (want, ag.available_key) {
            (true, None) => {
                self.tiebreak += 1;
                let key = (now, self.tiebreak);
                let ag = &mut self.agents[a as usize];
                ag.available_key = Some(key);
                for &(q, r) in &ag.csqs {
                    self.csqs[q as usize].available.insert((r, key.0, key.1, a));
                }
            }
            (false, Some(key)) => {
                let ag = &mut self.agents[a as usize];
                ag.available_key = None;
                for &(q, r) in &ag.csqs {
                    self.csqs[q as usize]
                        .available
                        .remove(&(r, key.0, key.1, a));
                }
            }
            _ => {}
        }
    }

    /// Take agent `a` out of every available set (before its memberships change).
    pub(crate) fn clear_availability(&mut self, a: u32) {
        if let Some(key) = self.agents[a as usize].available_key.take() {
            for &(q, r) in &self.agents[a as usize].csqs {
                self.csqs[q as usize]
                    .available
                    .remove(&(r, key.0, key.1, a));
            }
        }
    }

    /// Queue `call` on CSQ `q` (at the front when it is coming back from an agent).
    pub(crate) fn enqueue(&mut self, now: Millis, call: u32, q: u32, front: bool) {
        self.tiebreak += 1;
        let ticket = self.tiebreak;
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        c.phase = Phase::Queued;
        c.csq = Some(q);
        c.ticket = ticket;
        if !front {
            c.queued_at = now;
        }
        let csq = &mut self.csqs[q as usize];
        csq.queued += 1;
        if front {
            csq.queue.push_front((call, ticket));
        } else {
            csq.queue.push_back((call, ticket));
        }
    }

    /// Take `call` out of its queue (it was answered elsewhere, routed, or abandoned).
    pub(crate) fn dequeue(&mut self, call: u32) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        if c.phase != Phase::Queued {
            return;
        }
        c.phase = super::Phase::Active;
        c.ticket = 0;
        if let Some(q) = c.csq {
            let csq = &mut self.csqs[q as usize];
            csq.queued = csq.queued.saturating_sub(1);
        }
    }

    /// The first call really waiting in CSQ `q`, dropping stale entries on the way.
    pub(crate) fn queue_head(&mut self, q: u32) -> Option<(u32, Millis)> {
        let csq = &mut self.csqs[q as usize];
        while let Some(&(id, ticket)) = csq.queue.front() {
            match self.calls.get(&id) {
                Some(c) if c.ticket == ticket && c.phase == Phase::Queued => {
                    return Some((id, c.queued_at))
                }
                _ => {
                    csq.queue.pop_front();
                }
            }
        }
        None
    }

    /// When the oldest call waiting in CSQ `q` was queued.
    pub(crate) fn oldest_queued(&self, q: u32) -> Option<Millis> {
        self.csqs[q as usize]
            .queue
            .iter()
            .filter_map(|&(id, t)| {
                self.calls
                    .get(&id)
                    .filter(|c| c.ticket == t && c.phase == Phase::Queued)
            })
            .map(|c| c.queued_at)
            .min()
    }

    /// A queued call looks for an agent; true when one was found and offered the call.
    pub(crate) fn route_call(&mut self, now: Millis, call: u32, out: &mut Vec<Out>) -> bool {
        let Some(c) = self.calls.get(&call) else {
            return false;
        };
        let (Phase::Queued, Some(q)) = (c.phase, c.csq) else {
            return false;
        };
        if !self.phone_up {
            return false;
        }
        let Some(&(_, _, _, a)) = self.csqs[q as usize].available.first() else {
            return false;
        };
        self.dequeue(call);
        self.offer(now, call, a, q, out);
        true
    }

    /// Agent `a` just became Ready: give it the call that has waited longest in any of its
    /// CSQs.
    pub(crate) fn route_to_agent(&mut self, now: Millis, a: u32, out: &mut Vec<Out>) {
        if self.agents[a as usize].available_key.is_none() {
            return;
        }
        let qs: Vec<u32> = self.agents[a as usize]
            .csqs
            .iter()
            .map(|&(q, _)| q)
            .collect();
        let mut best: Option<(Millis, u32, u32)> = None;
        for q in qs {
            if let Some((call, at)) = self.queue_head(q) {
                if best.is_none_or(|(b, _, _)| at < b) {
                    best = Some((at, call, q));
                }
            }
        }
        if let Some((_, call, q)) = best {
            self.dequeue(call);
            self.offer(now, call, a, q, out);
        }
    }

    /// Route every waiting call that now has an agent (after a configuration change).
    pub(crate) fn route_all(&mut self, now: Millis, out: &mut Vec<Out>) {
        for q in 0..self.csqs.len() as u32 {
            while !self.csqs[q as usize].available.is_empty() {
                match self.queue_head(q) {
                    Some((call, _)) => {
                        if !self.route_call(now, call, out) {
                            break;
                        }
                    }
                    None => break,
                }
            }
        }
    }

    /// Member counts of CSQ `q` by state.
    pub(crate) fn csq_counts(&self, q: u32) -> Counts {
        let mut n = Counts::default();
        for &a in &self.csqs[q as usize].members {
            n.add(self.agents[a as usize].state);
        }
        n
    }

    pub(crate) fn query_queue_statistics(
        &mut self,
        _now: Millis,
        req: &QueryQueueStatisticsReq,
        out: &mut Vec<Out>,
    ) {
        let Some(&q) = self.csq_by_id.get(&req.csq_id) else {
            return failure(
                out,
                req.invoke_id,
                StatusCode::E_CTI_INVALID_CSQ,
                format!("CSQ {} is not configured", req.csq_id),
            );
        };
        let n = self.csq_counts(q);
        // Every call waits at priority 1: the simulated scripts do not set priorities.
        reply(
            out,
            QueryQueueStatisticsConf {
                invoke_id: req.invoke_id,
                logged_in_agents: sat16(n.logged_in),
                in_session_agents: sat16(n.talking),
                available_agents: sat16(n.ready),
                unavailable_agents: sat16(n.not_ready),
                in_work_agents: sat16(n.work),
                selected_agents: sat16(n.reserved),
                calls_in_priority_queue1: self.csqs[q as usize].queued,
                ..Default::default()
            },
        );
    }

    pub(crate) fn query_agent_queue_statistics(
        &mut self,
        now: Millis,
        req: &QueryAgentQueueStatisticsReq,
        out: &mut Vec<Out>,
    ) {
        let Some(&a) = self.agent_by_login.get(req.agent_id.as_str()) else {
            return failure(
                out,
                req.invoke_id,
                StatusCode::E_CTI_INVALID_AGENT_DATA,
                format!("agent {:?} is not configured", req.agent_id),
            );
        };
        let qs: Vec<u32> = self.agents[a as usize]
            .csqs
            .iter()
            .map(|&(q, _)| q)
            .collect();
        let waiting: u32 = qs.iter().map(|&q| self.csqs[q as usize].queued).sum();
        let oldest = qs.iter().filter_map(|&q| self.oldest_queued(q)).min();
        reply(
            out,
            QueryAgentQueueStatisticsConf {
                invoke_id: req.invoke_id,
                calls_in_queue: waiting,
                // Seconds (the guide does not print the unit).
                oldest_call_in_queue: oldest
                    .map(|t| (now.saturating_sub(t) / 1000) as u32)
                    .unwrap_or(0),
                agent_id: req.agent_id.clone(),
                ..Default::default()
            },
        );
    }

    pub(crate) fn query_summary_statistics(
        &mut self,
        _now: Millis,
        req: &QuerySummaryStatisticsReq,
        out: &mut Vec<Out>,
    ) {
        let mut n = Counts::default();
        for ag in self.agents.iter().filter(|a| !a.deleted) {
            n.add(ag.state);
        }
        let waiting: u32 = self
            .csqs
            .iter()
            .filter(|q| !q.deleted)
            .map(|q| q.queued)
            .sum();
        reply(
            out,
            QuerySummaryStatisticsConf {
                invoke_id: req.invoke_id,
                num_queues: sat16(self.csqs.iter().filter(|q| !q.deleted).count() as u32),
                logged_in_agents: sat16(n.logged_in),
                in_session_agents: sat16(n.talking),
                available_agents: sat16(n.ready),
                unavailable_agents: sat16(n.not_ready),
                in_work_agents: sat16(n.work),
                selected_agents: sat16(n.reserved),
                calls_in_priority_queue1: waiting,
                ..Default::default()
            },
        );
    }
}
