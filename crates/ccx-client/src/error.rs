//! Errors a caller sees: why a request failed, and why a client stopped.

use std::time::Duration;

use cti_proto::codes::{
    CcxErrorCode, ConfigEndStatus, ConfigKeyStatus, ControlFailureCode, StatusCode,
};
use cti_proto::EncodeError;

/// Why a request did not get its confirmation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The server answered FAILURE_CONF.
    #[error("FAILURE_CONF {status}{}", text_suffix(.text))]
    Failure {
        /// The E_CTI status.
        status: StatusCode,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// The server answered CONTROL_FAILURE_CONF.
    #[error("CONTROL_FAILURE_CONF {code}, UCCX error {ccx_error}{}", text_suffix(.text))]
    ControlFailure {
        /// The Control Failure (CF) code.
        code: ControlFailureCode,
        /// The UCCX detail code.
        ccx_error: CcxErrorCode,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// CONFIG_KEY_EVENT with a status other than CONFIG_SUCCESS.
    #[error("CONFIG_KEY_EVENT {0}")]
    ConfigKeys(ConfigKeyStatus),
    /// A configuration snapshot that ended with a status other than success or empty.
    #[error("CONFIG_END_EVENT {status}{}", text_suffix(.text))]
    ConfigEnd {
        /// The end status.
        status: ConfigEndStatus,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// TEAM_CONFIG_CONF with a status other than success.
    #[error("TEAM_CONFIG_CONF status {status}{}", text_suffix(.text))]
    TeamConfig {
        /// The status (0 success, 1 internal error).
        status: u32,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// No answer within the request's timeout.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The session failed while the request was outstanding: it may or may not have been
    /// carried out.
    #[error("the session was lost before the answer arrived")]
    ConnectionLost,
    /// The client is closed (or closing).
    #[error("the client is closed")]
    Closed,
    /// The request cannot be encoded at the session's version.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The message given is not a client request.
    #[error("{0} is not a client request")]
    NotARequest(&'static str),
    /// The server answered with a message of another type than the request's confirmation.
    #[error("expected {expected}, the server answered {got}")]
    UnexpectedReply {
        /// The confirmation expected.
        expected: &'static str,
        /// What came.
        got: &'static str,
    },
}

impl RequestError {
    /// The E_CTI status of a FAILURE_CONF, if that is what this is.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            RequestError::Failure { status, .. } => Some(*status),
            _ => None,
        }
    }
    /// True when the server refused the request (as opposed to a timeout or a lost session).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            RequestError::Failure { .. }
                | RequestError::ControlFailure { .. }
                | RequestError::ConfigKeys(_)
                | RequestError::ConfigEnd { .. }
                | RequestError::TeamConfig { .. }
        )
    }
}

fn text_suffix(t: &Option<String>) -> String {
    match t {
        Some(t) if !t.is_empty() => format!(": {t}"),
        _ => String::new(),
    }
}

/// Why a client stopped for good.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CloseReason {
    /// The application closed it (or dropped every handle).
    #[error("closed by the application")]
    Requested,
    /// A node refused OPEN_REQ with a status that retrying cannot fix, before any session was
    /// open.
    #[error("{node} refused the session: {status}{}", text_suffix(.text))]
    Rejected {
        /// The node.
        node: String,
        /// The E_CTI status.
        status: StatusCode,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// No node could be reached or opened within the configured rounds.
    #[error("no CTI server could be reached ({last})")]
    Unreachable {
        /// The last failure seen.
        last: String,
    },
    /// The server ended the session because this client opened another one
    /// (E_CTI_NEW_SESSION_OPENED); reconnecting would only take the other one down.
    #[error("the server ended this session: the same client opened a new one")]
    Superseded,
}
