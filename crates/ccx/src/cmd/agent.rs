//! `ccx agent`: one agent-state request (log in, Ready, Not Ready, Work, log out) or a state
//! query, against any CTI server; prints the confirmation, or the failure with its status
//! name and exits 1.
//!
//! The session is a bridge session with CTI_SERVICE_CLIENT_CONTROL by default, because an
//! agent-mode session ending takes its agent with it (UCCX logs the agent out with
//! AGT_CONN_DOWN); `--agent-mode` opens one bound to the agent instead.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use ccx_client::requests::build;
use ccx_client::{Client, Event, Events};
use cti_proto::codes::{AgentState, ServiceMask};
use cti_proto::Message;

use super::client_common::{self, parse_duration, render_text, AgentArgs, ServerArgs};

/// Options of `ccx agent`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    ccx agent -s 127.0.0.1:42027 --agent agent01 --extension 2001 login --password pw2001\n  \
    ccx agent -s 127.0.0.1:42027 --agent agent01 ready\n  \
    ccx agent -s 127.0.0.1:42027 --agent agent01 not-ready --reason 5\n  \
    ccx agent -s 127.0.0.1:42027 --agent agent01 state")]
pub struct Args {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The agent: --agent is required for login and logout; the phone defaults to the
    /// --instrument, then the --extension, then what the server reports.
    #[command(flatten)]
    pub who: AgentArgs,
    /// Open the session in agent mode, bound to the agent (closing it may log the agent out).
    #[arg(long, global = true)]
    pub agent_mode: bool,
    /// After a state change, wait this long for the AGENT_STATE_EVENT that shows it.
    #[arg(long, default_value = "2s", value_parser = parse_duration, global = true)]
    pub wait: Duration,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Log the agent in (SET_AGENT_STATE_REQ AGENT_STATE_LOGIN): it becomes Not Ready.
    Login {
        /// The agent's password (AgentPassword).
        #[arg(long)]
        password: String,
        /// Force the login (e.g. when another agent holds the extension).
        #[arg(long)]
        forced: bool,
    },
    /// Make the agent Ready for routed calls.
    Ready,
    /// Make the agent Not Ready, with a reason code.
    NotReady {
        /// Reason code (EventReasonCode), as configured on the server.
        #[arg(long, default_value_t = 0)]
        reason: u16,
    },
    /// Put the agent in Work (after-call work; applied after the call when talking).
    Work,
    /// Log the agent out, with a reason code.
    Logout {
        /// Reason code (EventReasonCode).
        #[arg(long, default_value_t = 0)]
        reason: u16,
        /// Force the logout even while talking.
        #[arg(long)]
        forced: bool,
    },
    /// Show the agent's state (QUERY_AGENT_STATE_REQ).
    State,
}

/// Run `ccx agent`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    client_common::init_logging();
    client_common::runtime()?.block_on(agent(args))
}

/// Open the session for `agent`/`call`: bridge + control, or agent mode.
pub(crate) async fn open_control_session(
    server: &ServerArgs,
    who: &AgentArgs,
    agent_mode: bool,
) -> anyhow::Result<(Client, Events)> {
    let control =
        ServiceMask::CTI_SERVICE_CLIENT_CONTROL | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE;
    let mut b = server.builder()?.services(control).initial_rounds(2);
    if agent_mode {
        if !who.any() {
            bail!("--agent-mode needs --agent, --extension or --instrument");
        }
        b = b.agent(who.identity());
    }
    let config = b.build().context("invalid options")?;
    client_common::connect(config, server.connect_timeout).await
}

/// The phone to name in requests: given, from the agent-mode OPEN_CONF, or from a query.
pub(crate) async fn resolve_instrument(client: &Client, who: &AgentArgs) -> String {
    if let Some(i) = who.instrument.clone().or_else(|| who.extension.clone()) {
        return i;
    }
    if let Some(i) = client.session().and_then(|s| s.conf.agent_instrument) {
        if !i.is_empty() {
            return i.into();
        }
    }
    if let Some(agent) = &who.agent {
        if let Ok(q) = client.query_agent_state(build::query_agent(agent)).await {
            if let Some(i) = q.agent_instrument.or(q.agent_extension) {
                return i.into();
            }
        }
    }
    String::new()
}

async fn agent(args: Args) -> anyhow::Result<ExitCode> {
    let (client, mut events) =
        open_control_session(&args.server, &args.who, args.agent_mode).await?;
    let version = client.session().map(|s| s.version).unwrap_or(18);
    let agent_id = args.who.agent.clone().or_else(|| {
        client
            .session()
            .and_then(|s| s.conf.agent_id)
            .map(Into::into)
    });
    let instrument = resolve_instrument(&client, &args.who).await;
    let need_id = || {
        agent_id
            .clone()
            .context("--agent is required for this request")
    };
    let (reply, changes_state) = match &args.action {
        Action::State => {
            let q = match (
                &agent_id,
                args.who.extension.as_ref(),
                args.who.instrument.as_ref(),
            ) {
                (None, None, None) => {
                    bail!("name the agent with --agent, --extension or --instrument")
                }
                (a, e, i) => cti_proto::msg::QueryAgentStateReq {
                    agent_id: a.clone().map(Into::into),
                    agent_extension: e.cloned().map(Into::into),
                    agent_instrument: i.cloned().map(Into::into),
                    ..Default::default()
                },
            };
            (client.query_agent_state(q).await.map(Message::from), false)
        }
        Action::Login { password, forced } => {
            let req = build::login(&need_id()?, &instrument, password, *forced);
            (client.set_agent_state(req).await.map(Message::from), true)
        }
        Action::Ready | Action::Work | Action::NotReady { .. } => {
            let (state, reason) = match args.action {
                Action::Ready => (AgentState::AGENT_STATE_READY, 0),
                Action::Work => (AgentState::AGENT_STATE_WORK, 0),
                Action::NotReady { reason } => (AgentState::AGENT_STATE_NOT_READY, reason),
                _ => unreachable!("matched above"),
            };
            let req = build::agent_state(state, reason, agent_id.as_deref(), &instrument, false);
            (client.set_agent_state(req).await.map(Message::from), true)
        }
        Action::Logout { reason, forced } => {
            let req = build::agent_state(
                AgentState::AGENT_STATE_LOGOUT,
                *reason,
                Some(&need_id()?),
                &instrument,
                *forced,
            );
            (client.set_agent_state(req).await.map(Message::from), true)
        }
    };
    let code = match reply {
        Ok(m) => {
            print!("{}", render_text(&m, version));
            if changes_state {
                if let Some(id) = &agent_id {
                    if let Some(state) = wait_for_state(&mut events, id, args.wait).await {
                        println!("{id} is now {state}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ccx agent: {e}");
            ExitCode::from(1)
        }
    };
    client.close().await;
    Ok(code)
}

/// The agent's state from the next AGENT_STATE_EVENT about it, if one comes in time.
async fn wait_for_state(events: &mut Events, agent: &str, within: Duration) -> Option<AgentState> {
    tokio::time::timeout(within, async {
        loop {
            match events.recv().await? {
                Event::Message(m) => {
                    if let Message::AgentStateEvent(e) = &m.message {
                        if e.agent_id.as_deref() == Some(agent) {
                            return Some(e.agent_state);
                        }
                    }
                }
                Event::Connection(_) => {}
            }
        }
    })
    .await
    .ok()
    .flatten()
}
