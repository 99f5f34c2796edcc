//! Timers of the model: a min-heap of deadlines. Cancelling is lazy: every timer carries the
//! epoch of the call or agent it was set for, and is ignored when it fires after that epoch
//! moved on, so nothing has to be searched for and removed.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::Millis;

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timer {
    /// A routed call rang too long at the agent (ring no answer).
    RingNoAnswer { call: u32, epoch: u32 },
    /// An agent's wrap-up time ran out.
    WrapUp { agent: u32, epoch: u32 },
    /// The traffic generator's next arrival.
    Arrival { generation: u32 },
    /// A waiting caller runs out of patience and hangs up.
    Abandon { call: u32, epoch: u32 },
    /// A connected caller (traffic or injected with talk time) hangs up.
    CallerHangup { call: u32, epoch: u32 },
    /// An outside number answers the call ringing at it.
    OutsideAnswer { call: u32, epoch: u32 },
    /// A simulated agent answers the call ringing at its phone.
    SimAnswer { call: u32, agent: u32, epoch: u32 },
    /// A simulated agent acts on its own state (log in, become Ready after wrap-up or Not
    /// Ready).
    SimAgent { agent: u32, epoch: u32 },
}

#[derive(Debug)]
struct Entry {
    at: Millis,
    seq: u64,
    timer: Timer,
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.at == o.at && self.seq == o.seq
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    // Reversed: BinaryHeap is a max-heap and we want the earliest (then the first set) on top.
    fn cmp(&self, o: &Self) -> Ordering {
        o.at.cmp(&self.at).then(o.seq.cmp(&self.seq))
    }
}

/// The pending timers.
#[derive(Debug, Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Timers {
    pub(crate) fn set(&mut self, at: Millis, timer: Timer) {
        self.seq += 1;
        self.heap.push(Entry {
            at,
            seq: self.seq,
            timer,
        });
    }

    /// The earliest deadline (possibly of a timer that has become stale).
    pub(crate) fn next(&self) -> Option<Millis> {
        self.heap.peek().map(|e| e.at)
    }

    /// Remove and return the earliest timer due at or before `now`.
    pub(crate) fn pop_due(&mut self, now: Millis) -> Option<(Millis, Timer)> {
        if self.heap.peek()?.at <= now {
            self.heap.pop().map(|e| (e.at, e.timer))
        } else {
            None
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_in_deadline_then_insertion_order() {
        let mut t = Timers::default();
        t.set(30, Timer::Arrival { generation: 3 });
        t.set(10, Timer::Arrival { generation: 1 });
        t.set(10, Timer::Arrival { generation: 2 });
        assert_eq!(t.next(), Some(10));
        assert_eq!(t.pop_due(5), None);
        assert_eq!(t.pop_due(10), Some((10, Timer::Arrival { generation: 1 })));
        assert_eq!(t.pop_due(10), Some((10, Timer::Arrival { generation: 2 })));
        assert_eq!(t.pop_due(29), None);
        assert_eq!(t.pop_due(100), Some((30, Timer::Arrival { generation: 3 })));
        assert_eq!(t.len(), 0);
    }
}
