//! `ccx call`: one call-control request for an agent's phone, against any CTI server; prints
//! the confirmation, or the failure with its status name and exits 1.
//!
//! Calls are named by their CallID (from `ccx watch`, or printed by `make` and `consult`).
//! The connection on the agent's phone is looked up with SNAPSHOT_DEVICE_REQ unless
//! `--device` names it.

use std::process::ExitCode;

use anyhow::{bail, Context};
use ccx_client::requests::{build, ANY_CALL};
use ccx_client::Client;
use cti_proto::codes::{ConnectionDeviceType, DeviceType};
use cti_proto::msg::{
    ConferenceCallReq, ConsultCallReq, NamedVariable, SendDtmfSignalReq, SetCallDataReq,
    SnapshotDeviceReq, TransferCallReq,
};
use cti_proto::Message;

use super::agent::{open_control_session, resolve_instrument};
use super::client_common::{self, render_text, AgentArgs, ServerArgs};

/// Options of `ccx call`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 make --to 5551234\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 answer\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 hold --call-id 16777473\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 consult --call-id 16777473 --to 2002\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 transfer --active 16777474 --held 16777473\n  \
    ccx call -s 127.0.0.1:42027 --extension 2001 set-data --call-id 16777473 --var 1=gold --ecc account=42")]
pub struct Args {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The agent whose phone acts: --extension or --instrument names the phone (or --agent,
    /// when the agent is logged in).
    #[command(flatten)]
    pub who: AgentArgs,
    /// Open the session in agent mode, bound to the agent.
    #[arg(long, global = true)]
    pub agent_mode: bool,
    /// The phone's connection ID in the call (ConnectionDeviceID); looked up when absent.
    #[arg(long, global = true)]
    pub device: Option<String>,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Call a number from the phone (MAKE_CALL_REQ).
    Make {
        /// The number to dial.
        #[arg(long)]
        to: String,
    },
    /// Answer a ringing call (ANSWER_CALL_REQ); without --call-id, whatever rings.
    Answer {
        /// The call to answer.
        #[arg(long)]
        call_id: Option<u32>,
    },
    /// Put a call on hold (HOLD_CALL_REQ).
    Hold {
        /// The call.
        #[arg(long)]
        call_id: u32,
    },
    /// Take a held call back (RETRIEVE_CALL_REQ).
    Retrieve {
        /// The held call.
        #[arg(long)]
        call_id: u32,
    },
    /// Hold a call and call someone else about it (CONSULT_CALL_REQ).
    Consult {
        /// The active call.
        #[arg(long)]
        call_id: u32,
        /// The number to consult.
        #[arg(long)]
        to: String,
        /// What the consult is for: transfer or conference.
        #[arg(long = "for", value_parser = ["transfer", "conference", "unspecified"], default_value = "transfer")]
        purpose: String,
    },
    /// Join the held call and the consult call and leave (TRANSFER_CALL_REQ).
    Transfer {
        /// The active (consult) call.
        #[arg(long)]
        active: u32,
        /// The held (original) call.
        #[arg(long)]
        held: u32,
    },
    /// Join the held call and the consult call into one (CONFERENCE_CALL_REQ).
    Conference {
        /// The active (consult) call.
        #[arg(long)]
        active: u32,
        /// The held (original) call.
        #[arg(long)]
        held: u32,
    },
    /// Leave a call (CLEAR_CONNECTION_REQ), or end it for everyone with --all (CLEAR_CALL_REQ).
    Clear {
        /// The call.
        #[arg(long)]
        call_id: u32,
        /// End the call for every party.
        #[arg(long)]
        all: bool,
    },
    /// Set call variables and ECC variables (SET_CALL_DATA_REQ).
    SetData {
        /// The call.
        #[arg(long)]
        call_id: u32,
        /// A call variable, N=VALUE with N from 1 to 10; repeatable.
        #[arg(long = "var", value_name = "N=VALUE")]
        vars: Vec<String>,
        /// An ECC variable, NAME=VALUE; repeatable.
        #[arg(long = "ecc", value_name = "NAME=VALUE")]
        ecc: Vec<String>,
    },
    /// Send DTMF digits on a call (SEND_DTMF_SIGNAL_REQ).
    Dtmf {
        /// The call.
        #[arg(long)]
        call_id: u32,
        /// The digits (0-9, *, #).
        #[arg(long)]
        digits: String,
    },
}

/// Run `ccx call`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    client_common::init_logging();
    client_common::runtime()?.block_on(call(args))
}

/// The connection of `call_id` on the phone `instrument`.
async fn device_of(
    client: &Client,
    given: &Option<String>,
    call_id: u32,
    instrument: &str,
) -> anyhow::Result<String> {
    if let Some(d) = given {
        return Ok(d.clone());
    }
    let snap = client
        .snapshot_device(SnapshotDeviceReq {
            snapshot_device_type: DeviceType::DEVID_DEVICE_IDENTIFIER,
            agent_instrument: instrument.into(),
            ..Default::default()
        })
        .await
        .with_context(|| format!("cannot list the calls on {instrument} (give --device)"))?;
    match snap
        .calls
        .iter()
        .find(|c| c.call_connection_call_id == call_id)
    {
        Some(c) => Ok(c.call_connection_device_id.clone().into()),
        // Not on this phone: the server will say so with the right status.
        None => Ok(instrument.to_string()),
    }
}

fn call_var(vars: &[String], req: &mut SetCallDataReq) -> anyhow::Result<()> {
    for v in vars {
        let (n, value) = v
            .split_once('=')
            .with_context(|| format!("--var {v}: use N=VALUE"))?;
        let slot = match n.trim().parse::<u8>() {
            Ok(1) => &mut req.call_variable_1,
            Ok(2) => &mut req.call_variable_2,
            Ok(3) => &mut req.call_variable_3,
            Ok(4) => &mut req.call_variable_4,
            Ok(5) => &mut req.call_variable_5,
            Ok(6) => &mut req.call_variable_6,
            Ok(7) => &mut req.call_variable_7,
            Ok(8) => &mut req.call_variable_8,
            Ok(9) => &mut req.call_variable_9,
            Ok(10) => &mut req.call_variable_10,
            _ => bail!("--var {v}: the variable number must be 1 to 10"),
        };
        *slot = Some(value.into());
    }
    Ok(())
}

async fn call(args: Args) -> anyhow::Result<ExitCode> {
    let (client, _events) = open_control_session(&args.server, &args.who, args.agent_mode).await?;
    let version = client.session().map(|s| s.version).unwrap_or(18);
    let ins = resolve_instrument(&client, &args.who).await;
    if ins.is_empty() {
        bail!("name the phone with --extension or --instrument (or a logged-in --agent)");
    }
    let st = ConnectionDeviceType::CONNECTION_ID_STATIC;
    let dev = |id| device_of(&client, &args.device, id, &ins);
    let reply: Result<Message, _> = match &args.action {
        Action::Make { to } => client
            .make_call(build::make_call(&ins, to))
            .await
            .map(Into::into),
        Action::Answer { call_id } => {
            let id = call_id.unwrap_or(ANY_CALL);
            let device = match (call_id, &args.device) {
                (_, Some(d)) => Some(d.clone()),
                (Some(id), None) => Some(dev(*id).await?),
                (None, None) => None,
            };
            client
                .answer_call(build::answer(id, device.as_deref(), &ins))
                .await
                .map(Into::into)
        }
        Action::Hold { call_id } => {
            let d = dev(*call_id).await?;
            client
                .hold_call(build::hold(*call_id, &d, &ins))
                .await
                .map(Into::into)
        }
        Action::Retrieve { call_id } => {
            let d = dev(*call_id).await?;
            client
                .retrieve_call(build::retrieve(*call_id, &d, &ins))
                .await
                .map(Into::into)
        }
        Action::Consult {
            call_id,
            to,
            purpose,
        } => {
            let d = dev(*call_id).await?;
            let consult_type = match purpose.as_str() {
                "transfer" => 1,
                "conference" => 2,
                _ => 0,
            };
            client
                .consult_call(ConsultCallReq {
                    active_call_id: *call_id,
                    active_connection_device_type: st,
                    active_connection_device_id: d.into(),
                    consult_type,
                    dialed_number: to.clone().into(),
                    agent_instrument: Some(ins.clone().into()),
                    ..Default::default()
                })
                .await
                .map(Into::into)
        }
        Action::Transfer { active, held } => {
            let (a, h) = (dev(*active).await?, dev(*held).await?);
            client
                .transfer_call(TransferCallReq {
                    active_call_id: *active,
                    held_call_id: *held,
                    active_connection_device_type: st,
                    held_connection_device_type: st,
                    active_connection_device_id: a.into(),
                    held_connection_device_id: h.into(),
                    agent_instrument: Some(ins.clone().into()),
                    ..Default::default()
                })
                .await
                .map(Into::into)
        }
        Action::Conference { active, held } => {
            let (a, h) = (dev(*active).await?, dev(*held).await?);
            client
                .conference_call(ConferenceCallReq {
                    active_call_id: *active,
                    held_call_id: *held,
                    active_connection_device_type: st,
                    held_connection_device_type: st,
                    active_connection_device_id: a.into(),
                    held_connection_device_id: h.into(),
                    agent_instrument: Some(ins.clone().into()),
                    ..Default::default()
                })
                .await
                .map(Into::into)
        }
        Action::Clear { call_id, all } => {
            let d = dev(*call_id).await?;
            if *all {
                client
                    .clear_call(build::clear_call(*call_id, &d, &ins))
                    .await
                    .map(Into::into)
            } else {
                client
                    .clear_connection(build::clear_connection(*call_id, &d, &ins))
                    .await
                    .map(Into::into)
            }
        }
        Action::SetData { call_id, vars, ecc } => {
            let d = dev(*call_id).await?;
            let mut req = SetCallDataReq {
                call_id: *call_id,
                connection_device_type: st,
                connection_device_id: d.into(),
                ..Default::default()
            };
            call_var(vars, &mut req)?;
            for e in ecc {
                let (n, v) = e
                    .split_once('=')
                    .with_context(|| format!("--ecc {e}: use NAME=VALUE"))?;
                req.named_variables.push(NamedVariable::new(n, v));
            }
            client.set_call_data(req).await.map(Into::into)
        }
        Action::Dtmf { call_id, digits } => {
            let d = dev(*call_id).await?;
            client
                .send_dtmf(SendDtmfSignalReq {
                    call_id: *call_id,
                    connection_device_type: st,
                    connection_device_id: d.into(),
                    dtmf_string: digits.clone().into(),
                    agent_instrument: Some(ins.clone().into()),
                    ..Default::default()
                })
                .await
                .map(Into::into)
        }
    };
    let code = match reply {
        Ok(m) => {
            print!("{}", render_text(&m, version));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ccx call: {e}");
            ExitCode::from(1)
        }
    };
    client.close().await;
    Ok(code)
}
