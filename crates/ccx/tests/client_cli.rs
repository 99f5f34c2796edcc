//! `ccx watch`, `ccx agent`, `ccx call` and `ccx load` as a user runs them, against a
//! `ccx serve` process started on 127.0.0.1 port 0.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

fn ccx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ccx"))
}

/// A run with a time limit, so a hung command fails the test instead of hanging it.
fn ccx_run() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_ccx"));
    c.timeout(Duration::from_secs(120));
    c
}

struct Served {
    child: Child,
    cti: SocketAddr,
    http: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `ccx serve` on free ports; the addresses come from its "accepting connections" line.
fn serve() -> Served {
    let mut child = ccx()
        .args(["serve", "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    let (cti, http) = loop {
        assert!(
            Instant::now() < deadline,
            "ccx serve printed no listening line"
        );
        let line = lines.next().expect("ccx serve exited").unwrap();
        if line.contains("accepting connections") {
            let after = |key: &str| -> String {
                let i = line.find(key).unwrap() + key.len();
                line[i..]
                    .split(char::is_whitespace)
                    .next()
                    .unwrap()
                    .trim_matches('"')
                    .to_string()
            };
            break (
                after("cti=").parse().unwrap(),
                after("http=").parse().unwrap(),
            );
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Served { child, cti, http }
}

impl Served {
    fn run(&self, args: &[&str]) -> Output {
        ccx_run()
            .arg(args[0])
            .args([
                "--server",
                &self.cti.to_string(),
                "--connect-timeout",
                "10s",
            ])
            .args(&args[1..])
            .output()
            .unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_explains_every_command() {
    for (cmd, words) in [
        (
            "watch",
            vec!["--json", "--type", "--count", "--duration", "--agent"],
        ),
        (
            "agent",
            vec!["login", "ready", "not-ready", "work", "logout", "state"],
        ),
        (
            "call",
            vec![
                "make",
                "answer",
                "hold",
                "retrieve",
                "consult",
                "transfer",
                "conference",
                "clear",
                "set-data",
                "dtmf",
            ],
        ),
        (
            "load",
            vec!["--bridges", "--agents", "--duration", "--calls", "--http"],
        ),
    ] {
        let mut a = ccx_run().args([cmd, "--help"]).assert().success();
        for w in words {
            a = a.stdout(predicate::str::contains(w));
        }
    }
    ccx_run()
        .args(["agent", "not-ready", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--reason"));
}

#[test]
fn agent_and_call_commands_drive_an_agent_and_watch_sees_it() {
    let s = serve();

    let o = s.run(&[
        "agent",
        "--agent",
        "agent05",
        "--extension",
        "2005",
        "login",
        "--password",
        "pw2005",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("SET_AGENT_STATE_CONF"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("agent05 is now AGENT_STATE_NOT_READY"),
        "{}",
        stdout(&o)
    );

    let o = s.run(&["agent", "--agent", "agent05", "state"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("AgentState: AGENT_STATE_NOT_READY (2)"),
        "{}",
        stdout(&o)
    );

    // A refusal: exit 1, the status by name on stderr.
    let o = s.run(&["agent", "--agent", "nobody", "state"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("E_CTI_INVALID_AGENT_DATA"),
        "{}",
        stderr(&o)
    );
    let o = s.run(&[
        "agent",
        "--agent",
        "agent06",
        "--extension",
        "2006",
        "login",
        "--password",
        "wrong",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));

    // watch, bounded by a count, sees the next agent-state change as a JSON line.
    let mut watcher = ccx()
        .args([
            "watch",
            "--server",
            &s.cti.to_string(),
            "--json",
            "--type",
            "AGENT_STATE_EVENT",
            "--count",
            "1",
            "--duration",
            "60s",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until its session is open, so the change below cannot come before it.
    let mut watch_log = BufReader::new(watcher.stderr.take().unwrap()).lines();
    loop {
        let line = watch_log.next().expect("watch is running").unwrap();
        if line.contains("session open on") {
            break;
        }
    }
    let o = s.run(&["agent", "--agent", "agent05", "ready"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let w = watcher.wait_with_output().unwrap();
    assert!(w.status.success());
    let line = stdout(&w);
    let v: serde_json::Value =
        serde_json::from_str(line.lines().next().expect("one line")).unwrap();
    assert!(line.contains("AGENT_STATE_EVENT"), "{line}");
    assert!(v.get("time").is_some());

    // Calls: not ready, make a call, clear it; a call that does not exist fails with status.
    let o = s.run(&["agent", "--agent", "agent05", "not-ready", "--reason", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = s.run(&["call", "--extension", "2005", "make", "--to", "5551234"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("MAKE_CALL_CONF"), "{out}");
    let call_id = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("NewCallID: "))
        .expect("the new call's ID")
        .to_string();
    let o = s.run(&[
        "call",
        "--extension",
        "2005",
        "set-data",
        "--call-id",
        &call_id,
        "--var",
        "1=gold",
        "--ecc",
        "account=42",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("SET_CALL_DATA_CONF"));
    let o = s.run(&[
        "call",
        "--extension",
        "2005",
        "clear",
        "--call-id",
        &call_id,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("CLEAR_CONNECTION_CONF"));
    let o = s.run(&["call", "--extension", "2005", "hold", "--call-id", "12345"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("E_CTI_INVALID_CALLID") || stderr(&o).contains("CONTROL_FAILURE_CONF"),
        "{}",
        stderr(&o)
    );

    let o = s.run(&["agent", "--agent", "agent05", "logout"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("agent05 is now AGENT_STATE_LOGOUT"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn watch_ends_after_its_duration_and_bad_options_are_refused() {
    let s = serve();
    let start = Instant::now();
    let o = s.run(&["watch", "--duration", "1s"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(start.elapsed() < Duration::from_secs(30));
    assert!(stderr(&o).contains("session open on"), "{}", stderr(&o));
    // --config: the client fetches the configuration by itself and prints it.
    let o = s.run(&[
        "watch",
        "--config",
        "--type",
        "CONFIG_AGENT_EVENT",
        "--count",
        "1",
        "--duration",
        "60s",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("LoginID[190]"), "{}", stdout(&o));
    let o = s.run(&["watch", "--type", "NO_SUCH_MESSAGE", "--count", "1"]);
    assert_eq!(o.status.code(), Some(2));
    // Nothing listens there: a clear error, exit 2.
    let o = ccx_run()
        .args([
            "agent",
            "--server",
            "127.0.0.1:1",
            "--connect-timeout",
            "2s",
            "--agent",
            "agent01",
            "state",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no session"), "{}", stderr(&o));
}

#[test]
fn load_reports_handshakes_latency_and_events() {
    let s = serve();
    let o = ccx_run()
        .args([
            "load",
            "--server",
            &s.cti.to_string(),
            "--http",
            &s.http.to_string(),
        ])
        .args([
            "--bridges",
            "2",
            "--agents",
            "3",
            "--duration",
            "1s",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for want in [
        "| sessions opened | 5 of 5 |",
        "handshakes/s",
        "request latency p50 / p99 / max",
        "events/s",
        "MAKE_CALL_REQ",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Inbound: calls injected through the admin API, answered by the agents.
    let o = ccx_run()
        .args([
            "load",
            "--server",
            &s.cti.to_string(),
            "--http",
            &s.http.to_string(),
        ])
        .args([
            "--bridges",
            "1",
            "--agents",
            "3",
            "--duration",
            "2s",
            "--quiet",
        ])
        .args(["--inbound", "10"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("calls injected"), "{out}");
    assert!(out.contains("ANSWER_CALL_REQ"), "{out}");
}
