//! The server's Prometheus metrics, kept per server instance (several servers may run in one
//! process, as the tests do) and rendered by `GET /metrics`.
//!
//! | Metric | Labels | Meaning |
//! |---|---|---|
//! | `ccx_sessions` | `mode` (agent, bridge, plain) | open sessions, set at each scrape |
//! | `ccx_connections` | — | accepted connections, open or not |
//! | `ccx_messages_in_total` | `type` | frames received, by message name |
//! | `ccx_messages_out_total` | `type` | frames queued for sending, by message name |
//! | `ccx_failures_total` | `status`, `message` | FAILURE_CONF / FAILURE_EVENT sent, by E_CTI status |
//! | `ccx_sessions_closed_total` | `reason` | sessions and connections ended, by reason |
//! | `ccx_idle_drops_total` | — | sessions dropped for IdleTimeout |
//! | `ccx_slow_consumers_dropped_total` | — | clients disconnected because they stopped reading |
//! | `ccx_connections_refused_total` | `reason` (max_connections, body_too_large) | connections closed at a limit |
//! | `ccx_event_encode_failures_total` | — | events that could not be encoded for a session's version |

use std::collections::HashMap;
use std::sync::Mutex;

use metrics::{Counter, Gauge, Key, Label, Level, Metadata, Recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

use crate::session::{CloseReason, Mode};

static METADATA: Metadata<'static> = Metadata::new("ccx_server", Level::INFO, Some(module_path!()));

/// Counter and gauge handles of one server.
pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    in_by_type: HashMap<u32, Counter>,
    out_by_type: HashMap<u32, Counter>,
    unknown_in: Counter,
    unknown_out: Counter,
    failures: Mutex<HashMap<(u32, u32), Counter>>,
    closed: Mutex<HashMap<CloseReason, Counter>>,
    idle_drops: Counter,
    slow_consumers: Counter,
    refused_max_connections: Counter,
    refused_body_too_large: Counter,
    encode_failures: Counter,
    connections: Gauge,
    sessions: [Gauge; 3],
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// Fresh metrics, all at zero.
    pub fn new() -> Metrics {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let counter = |name: &'static str, labels: Vec<Label>| {
            recorder.register_counter(&Key::from_parts(name, labels), &METADATA)
        };
        let mut in_by_type = HashMap::new();
        let mut out_by_type = HashMap::new();
        for spec in cti_proto::table::messages() {
            let label = || vec![Label::new("type", spec.name)];
            in_by_type.insert(spec.id, counter("ccx_messages_in_total", label()));
            out_by_type.insert(spec.id, counter("ccx_messages_out_total", label()));
        }
        let unknown = || vec![Label::new("type", "UNKNOWN")];
        let gauge = |name: &'static str, labels: Vec<Label>| {
            recorder.register_gauge(&Key::from_parts(name, labels), &METADATA)
        };
        let mode_gauge = |m: Mode| gauge("ccx_sessions", vec![Label::new("mode", m.as_str())]);
        let m = Metrics {
            unknown_in: counter("ccx_messages_in_total", unknown()),
            unknown_out: counter("ccx_messages_out_total", unknown()),
            failures: Mutex::new(HashMap::new()),
            closed: Mutex::new(HashMap::new()),
            idle_drops: counter("ccx_idle_drops_total", vec![]),
            slow_consumers: counter("ccx_slow_consumers_dropped_total", vec![]),
            refused_max_connections: counter(
                "ccx_connections_refused_total",
                vec![Label::new("reason", "max_connections")],
            ),
            refused_body_too_large: counter(
                "ccx_connections_refused_total",
                vec![Label::new("reason", "body_too_large")],
            ),
            encode_failures: counter("ccx_event_encode_failures_total", vec![]),
            connections: gauge("ccx_connections", vec![]),
            sessions: [
                mode_gauge(Mode::Agent),
                mode_gauge(Mode::Bridge),
                mode_gauge(Mode::Plain),
            ],
            in_by_type,
            out_by_type,
            recorder,
            handle,
        };
        // Make the zero-valued counters visible from the first scrape.
        for c in [
            &m.idle_drops,
            &m.slow_consumers,
            &m.refused_max_connections,
            &m.refused_body_too_large,
            &m.encode_failures,
        ] {
            c.increment(0);
        }
        m
    }

    /// A frame received (whole frame, header included).
    pub fn frame_in(&self, frame: &[u8]) {
        let t = type_of(frame);
        self.in_by_type
            .get(&t)
            .unwrap_or(&self.unknown_in)
            .increment(1);
    }

    /// A frame queued for a client (whole frame, header included). FAILURE_CONF and
    /// FAILURE_EVENT are also counted by status.
    pub fn frame_out(&self, frame: &[u8]) {
        let t = type_of(frame);
        self.out_by_type
            .get(&t)
            .unwrap_or(&self.unknown_out)
            .increment(1);
        let status_at = match t {
            1 => 12,
            2 => 8,
            _ => return,
        };
        let Some(s) = frame.get(status_at..status_at + 4) else {
            return;
        };
        let status = u32::from_be_bytes([s[0], s[1], s[2], s[3]]);
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.entry((t, status))
            .or_insert_with(|| {
                let code = cti_proto::StatusCode(status);
                let name = code
                    .name()
                    .map(str::to_string)
                    .unwrap_or_else(|| status.to_string());
                let message = if t == 1 {
                    "FAILURE_CONF"
                } else {
                    "FAILURE_EVENT"
                };
                self.recorder.register_counter(
                    &Key::from_parts(
                        "ccx_failures_total",
                        vec![Label::new("status", name), Label::new("message", message)],
                    ),
                    &METADATA,
                )
            })
            .increment(1);
    }

    /// A session or connection ended.
    pub fn closed(&self, reason: CloseReason) {
        match reason {
            CloseReason::IdleTimeout => self.idle_drops.increment(1),
            CloseReason::SlowConsumer => self.slow_consumers.increment(1),
            CloseReason::BodyTooLarge => self.refused_body_too_large.increment(1),
            _ => {}
        }
        let mut map = self.closed.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(reason)
            .or_insert_with(|| {
                self.recorder.register_counter(
                    &Key::from_parts(
                        "ccx_sessions_closed_total",
                        vec![Label::new("reason", reason.as_str())],
                    ),
                    &METADATA,
                )
            })
            .increment(1);
    }

    /// A connection refused because the server holds its maximum.
    pub fn refused_max_connections(&self) {
        self.refused_max_connections.increment(1);
    }

    /// Events that could not be encoded.
    pub fn encode_failures(&self, n: u32) {
        if n > 0 {
            self.encode_failures.increment(u64::from(n));
        }
    }

    /// Live connections.
    pub fn set_connections(&self, n: usize) {
        self.connections.set(n as f64);
    }

    /// Prometheus text, with the session gauges set from `by_mode` (agent, bridge, plain).
    pub fn render(&self, by_mode: [usize; 3]) -> String {
        for (g, n) in self.sessions.iter().zip(by_mode) {
            g.set(n as f64);
        }
        self.handle.render()
    }
}

fn type_of(frame: &[u8]) -> u32 {
    match frame.get(4..8) {
        Some(b) => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        None => u32::MAX,
    }
}
