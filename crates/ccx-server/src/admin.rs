//! The admin HTTP API (JSON), served with axum next to the CTI port.
//!
//! | Method and path | Does |
//! |---|---|
//! | `GET /api/sessions` | the open sessions |
//! | `POST /api/faults/ccx-offline`, `/api/faults/ccx-online` | Unified CCX goes offline / online (SYSTEM_EVENT to every session) |
//! | `POST /api/faults/cucm-down`, `/api/faults/cucm-up` | the phone system goes down / up (call control answers E_CTI_JTAPI_CCM_PROBLEM while down) |
//! | `POST /api/faults/internal-error` | the next contact-center request fails inside the server (E_CTI_UNSPECIFIED_FAILURE) |
//! | `POST /api/config/reload` | read the configuration again (FAILURE_EVENT E_CTI_AUTO_CONFIG_RESET to configuration clients) |
//! | `PUT /api/config` | replace the configuration with the TOML body |
//! | `POST /api/failover` | swap master and standby |
//! | `GET /api/agents`, `/api/csqs`, `/api/calls` | the contact center's live state |
//! | `POST /api/calls` | an inbound call: JSON `{"dnis": "5000", "ani": "4085551234", "call_variables": [...], "ecc": {...}}` |
//! | `GET /metrics` | Prometheus text |

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::json;

use crate::server::{AdminError, Server};

/// The router of the admin API.
pub fn router(server: Server) -> Router {
    Router::new()
        .route("/api/sessions", get(sessions))
        .route("/api/faults/ccx-offline", post(ccx_offline))
        .route("/api/faults/ccx-online", post(ccx_online))
        .route("/api/faults/cucm-down", post(cucm_down))
        .route("/api/faults/cucm-up", post(cucm_up))
        .route("/api/faults/internal-error", post(internal_error))
        .route("/api/config/reload", post(reload))
        .route("/api/config", put(put_config))
        .route("/api/failover", post(failover))
        .route("/api/agents", get(agents))
        .route("/api/csqs", get(csqs))
        .route("/api/calls", get(calls).post(new_call))
        .route("/metrics", get(metrics))
        .with_state(server)
}

fn error(status: StatusCode, e: impl std::fmt::Display) -> Response {
    (status, Json(json!({ "error": e.to_string() }))).into_response()
}

fn ok() -> Response {
    Json(json!({ "ok": true })).into_response()
}

async fn sessions(State(s): State<Server>) -> Response {
    let sessions = s.sessions();
    Json(json!({ "count": sessions.len(), "sessions": sessions })).into_response()
}

async fn ccx_offline(State(s): State<Server>) -> Response {
    s.set_ccx_online(false);
    Json(json!({ "ccx_online": false })).into_response()
}

async fn ccx_online(State(s): State<Server>) -> Response {
    s.set_ccx_online(true);
    Json(json!({ "ccx_online": true })).into_response()
}

async fn cucm_down(State(s): State<Server>) -> Response {
    s.set_phone_system_up(false);
    Json(json!({ "phone_system_up": false })).into_response()
}

async fn cucm_up(State(s): State<Server>) -> Response {
    s.set_phone_system_up(true);
    Json(json!({ "phone_system_up": true })).into_response()
}

async fn internal_error(State(s): State<Server>) -> Response {
    s.inject_internal_failure();
    ok()
}

fn admin_error(e: AdminError) -> Response {
    let status = match e {
        AdminError::Config(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AdminError::Read { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        AdminError::Sim(_) => StatusCode::CONFLICT,
        AdminError::NoStandby => StatusCode::CONFLICT,
    };
    error(status, e)
}

async fn reload(State(s): State<Server>) -> Response {
    match s.reload_config() {
        Ok(()) => ok(),
        Err(e) => admin_error(e),
    }
}

async fn put_config(State(s): State<Server>, body: String) -> Response {
    match s.put_config(&body) {
        Ok(()) => ok(),
        Err(e) => admin_error(e),
    }
}

async fn failover(State(s): State<Server>) -> Response {
    match s.failover() {
        Ok(addr) => Json(json!({ "master": addr.to_string() })).into_response(),
        Err(e) => admin_error(e),
    }
}

async fn agents(State(s): State<Server>) -> Response {
    Json(s.agents()).into_response()
}

async fn csqs(State(s): State<Server>) -> Response {
    Json(s.csqs()).into_response()
}

async fn calls(State(s): State<Server>) -> Response {
    Json(s.calls()).into_response()
}

async fn new_call(State(s): State<Server>, body: axum::body::Bytes) -> Response {
    let call: ccx_sim::NewCall = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    match s.inject_call(call) {
        Ok(call_id) => Json(json!({ "call_id": call_id })).into_response(),
        Err(e) => admin_error(e),
    }
}

async fn metrics(State(s): State<Server>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        s.metrics_text(),
    )
        .into_response()
}
