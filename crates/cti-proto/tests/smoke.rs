//! Quick end-to-end checks of the codec on a few representative messages.

use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::spec::Direction;
use cti_proto::validate::validate;
use cti_proto::{FrameView, Settings};

#[test]
fn open_req_matches_the_logged_length_of_csc_vs94144() {
    // The UCCX server log of bug CSCvs94144 shows a v16 agent-mode OPEN_REQ of BodyLength 69.
    let s = Settings::new(16);
    let m = OpenReq {
        invoke_id: 1,
        version_number: 16,
        idle_timeout: 100,
        services_requested: ServiceMask(7),
        call_msg_mask: CallEventMask(0x267D),
        agent_state_mask: AgentStateMask(0x1FF),
        config_msg_mask: ConfigMsgMask(0xF),
        client_id: Some(Default::default()),
        client_password: Some(vec![0]),
        agent_extension: Some("52293".into()),
        agent_instrument: Some(Default::default()),
        agent_id: Some("52293".into()),
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    assert_eq!(u32::from_be_bytes(b[..4].try_into().unwrap()), 69);
    let v = FrameView::new(&b, &s).unwrap();
    v.validate().unwrap();
    assert_eq!(OpenReq::decode_frame(&b, &s).unwrap(), m);
}

#[test]
fn nested_groups_round_trip_and_validate() {
    let s = Settings::new(18);
    let rec = |id: &str, csqs: &[u32]| ConfigAgentRecord {
        record_type: RecordType::default(),
        agent_type: 1,
        login_id: id.into(),
        csqs: csqs.iter().map(|c| ConfigAgentCsq { csq_id: *c }).collect(),
        ..Default::default()
    };
    let m = ConfigAgentEvent {
        records: vec![rec("a1", &[1, 2]), rec("a2", &[]), rec("a3", &[3])],
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    let v = FrameView::new(&b, &s).unwrap();
    validate(&v, Direction::ServerToClient).unwrap();
    assert_eq!(ConfigAgentEvent::decode_frame(&b, &s).unwrap(), m);
}

#[test]
fn validation_statuses() {
    let s = Settings::new(16);
    let hb = HeartbeatReq {
        invoke_id: 9,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    FrameView::new(&hb, &s).unwrap().validate().unwrap();
    // Unknown type.
    let mut u = hb.to_vec();
    u[7] = 200;
    assert_eq!(
        FrameView::new(&u, &s)
            .unwrap()
            .validate()
            .unwrap_err()
            .status(),
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE
    );
    // Server-only type from a client.
    let c = HeartbeatConf {
        invoke_id: 9,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    assert_eq!(
        FrameView::new(&c, &s)
            .unwrap()
            .validate()
            .unwrap_err()
            .status(),
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE
    );
    // Truncated fixed part.
    let t = [0, 0, 0, 2, 0, 0, 0, 5, 0, 0];
    assert_eq!(
        FrameView::new(&t, &s)
            .unwrap()
            .validate()
            .unwrap_err()
            .status(),
        StatusCode::E_CTI_INVALID_FIELD_LENGTH
    );
    // Unknown tag appended.
    let mut x = hb.to_vec();
    x.extend_from_slice(&[250, 1, 0]);
    x[3] += 3;
    let e = FrameView::new(&x, &s).unwrap().validate().unwrap_err();
    assert_eq!(
        (e.status(), e.offset, e.tag),
        (StatusCode::E_CTI_INVALID_FIELD, 12, Some(250))
    );
}

/// A body cut inside the fixed part is reported at the first field that does not fit, with its
/// name and offset, for every message at every version (the decoders check the fixed part's
/// length once, and look for the field only when it is short).
#[test]
fn truncated_fixed_parts_name_the_first_missing_field() {
    use cti_proto::spec::FixedType;
    use cti_proto::wire::FixedReader;
    use cti_proto::DecodeError;
    let body = [0u8; 256];
    for spec in cti_proto::table::messages() {
        for v in 10..=18u8 {
            let s = Settings::new(v);
            let len = spec.fixed_len(v);
            for cut in 0..len {
                // The reference: read the fields one by one.
                let mut rd = FixedReader::new(&body[..cut]);
                let mut want: Option<DecodeError> = None;
                for f in spec.fixed.iter().filter(|f| f.present_in(v)) {
                    let r = match f.ty {
                        FixedType::U8 => rd.u8(f.name).map(drop),
                        FixedType::U16 | FixedType::Bool => rd.u16(f.name).map(drop),
                        _ => rd.skip(f.ty.size(), f.name),
                    };
                    if let Err(e) = r {
                        want = Some(e);
                        break;
                    }
                }
                let got = Message::decode(spec.id, &body[..cut], &s).unwrap_err();
                assert_eq!(Some(got), want, "{} v{v} cut at {cut}", spec.name);
            }
        }
    }
}
