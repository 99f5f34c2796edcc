//! The built-in demo center, written out as commented TOML so that `ccx demo-config` prints
//! something a person can copy and edit. [`crate::Config::demo`] parses this text, so the two
//! can never disagree.
//!
//! Demo logins: agents `agent01`–`agent40` (extensions 2001–2040, passwords `pw2001`–`pw2040`),
//! supervisors `sup01`–`sup04` (extensions 2101–2104, passwords `pw2101`–`pw2104`).

use std::fmt::Write;

const FIRST: [&str; 44] = [
    "Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira",
    "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Walt", "Xenia", "Yusuf", "Zoe", "Aaron", "Bianca", "Carlos", "Dana", "Emil", "Fatima",
    "Gustavo", "Helena", "Ivan", "Julia", "Kofi", "Lucia", "Mateo", "Nadia", "Oscar", "Paula",
    "Rafael", "Sofia",
];
const LAST: [&str; 44] = [
    "Alvarez", "Brown", "Costa", "Dubois", "Eriksen", "Farah", "Garcia", "Hansen", "Ito", "Jensen",
    "Kowalski", "Lopez", "Martin", "Nguyen", "Olsen", "Perez", "Quintero", "Rossi", "Schmidt",
    "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Abbott", "Bauer", "Castillo",
    "Diaz", "Engel", "Fischer", "Gomez", "Herrera", "Ivanov", "Jimenez", "Klein", "Moreno",
    "Navarro", "Ortega", "Pinto", "Ramos", "Silva", "Torres",
];

/// Skills of demo agent `n` (1–40): ten agents per team, a few with a second language or a
/// second skill so that routing has real choices to make.
fn skills(n: usize) -> Vec<(&'static str, u8)> {
    let level = |k: usize| (4 + (n * 7 + k) % 6) as u8; // 4..=9, varied but fixed
    match n {
        1..=10 => {
            let mut s = vec![("Sales", level(0))];
            if n.is_multiple_of(3) {
                s.push(("Spanish", level(1)));
            }
            s
        }
        11..=20 => {
            let mut s = vec![("Support", level(0))];
            if n.is_multiple_of(4) {
                s.push(("Billing", level(2)));
            }
            s
        }
        21..=30 => {
            let mut s = vec![("Billing", level(0))];
            if n.is_multiple_of(5) {
                s.push(("Support", level(3)));
            }
            s
        }
        _ => {
            let mut s = vec![("Spanish", level(0) + 1)];
            s.push(if n.is_multiple_of(2) {
                ("Sales", level(1))
            } else {
                ("Support", level(1))
            });
            s
        }
    }
}

fn skills_toml(s: &[(&str, u8)]) -> String {
    let mut s = s.to_vec();
    s.sort();
    let parts: Vec<String> = s.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The demo configuration text.
pub(crate) fn demo_toml() -> String {
    let mut t = String::new();
    t.push_str(
        r#"# ccx demo contact center.
#
# Three applications (trigger numbers 5000-5002), four CSQs, four teams of ten agents with one
# supervisor each. Agents agent01..agent40 use extensions 2001..2040 and passwords
# pw2001..pw2040; supervisors sup01..sup04 use 2101..2104 and pw2101..pw2104.
# Edit a copy and start the server with it, or PUT it to /api/config while running.

[center]
name = "ccx demo center"
ring_no_answer_s = 12      # ring time before a routed call returns to the queue (RONA)
wrap_up_s = 30             # Work time after a call from an auto_work CSQ
auto_available = true      # after a call without wrap-up: Ready (true) or Not Ready (false)
max_calls_per_device = 2   # a held call plus a consult call
outside_answer_s = 3       # outside numbers answer outbound and consult calls after this
first_call_id = 16777472   # 0x01000100; UCCX call IDs look like 16777507

[devices]
call_control_group = 1
# CTI ports hold callers while they are in the IVR or waiting in queue.
cti_ports = ["#,
    );
    let ports: Vec<String> = (7001..=7060).map(|p| format!("\"{p}\"")).collect();
    for (i, chunk) in ports.chunks(10).enumerate() {
        if i > 0 {
            t.push_str(",\n             ");
        }
        t.push_str(&chunk.join(", "));
    }
    t.push_str("]\n");

    t.push_str(
        r#"
# Applications: a call to a trigger number runs the script, which queues the call on `csq`,
# or on the CSQ its `menu` names for the digits the caller entered (press 2 for Spanish).
[[applications]]
id = 1
name = "Sales"
description = "New orders and quotes"
triggers = ["5000"]
max_queued = 20
csq = 1
menu = { "2" = 4 }

[[applications]]
id = 2
name = "Support"
description = "Technical support"
triggers = ["5001"]
max_queued = 20
csq = 2
menu = { "2" = 4 }

[[applications]]
id = 3
name = "Billing"
description = "Invoices and payments"
triggers = ["5002"]
max_queued = 20
csq = 3

# CSQs: an agent serves a CSQ when it has all of the CSQ's skills at the minimum level.
[[csqs]]
id = 1
name = "Sales"
policy = "longest_available"
skills = { Sales = 1 }
service_level_s = 20

[[csqs]]
id = 2
name = "Support"
policy = "most_skilled"
skills = { Support = 3 }
service_level_s = 30
auto_work = true
wrap_up_s = 20

[[csqs]]
id = 3
name = "Billing"
policy = "longest_available"
skills = { Billing = 1 }
service_level_s = 30
auto_work = true

[[csqs]]
id = 4
name = "Spanish"
description = "Spanish-speaking callers"
policy = "most_skilled"
skills = { Spanish = 5 }
service_level_s = 45

[[teams]]
id = 1
name = "Sales Team"
supervisors = ["sup01"]
csqs = [1]

[[teams]]
id = 2
name = "Support Team"
supervisors = ["sup02"]
csqs = [2]

[[teams]]
id = 3
name = "Billing Team"
supervisors = ["sup03"]
csqs = [3]

[[teams]]
id = 4
name = "Latam Team"
supervisors = ["sup04", "sup01"]
csqs = [4]

[[reason_codes]]
code = 100
label = "Break"
kind = "not_ready"

[[reason_codes]]
code = 101
label = "Lunch"
kind = "not_ready"

[[reason_codes]]
code = 102
label = "Meeting"
kind = "not_ready"

[[reason_codes]]
code = 103
label = "Training"
kind = "not_ready"

[[reason_codes]]
code = 200
label = "End of shift"
kind = "logout"

[[reason_codes]]
code = 201
label = "Personal"
kind = "logout"

# Supervisors also take calls; each heads the team of the same number.
"#,
    );
    for s in 1..=4usize {
        let ext = 2100 + s;
        let name = 39 + s;
        let team_skill = ["Sales", "Support", "Billing", "Spanish"][s - 1];
        let mut sk = vec![(team_skill, 9u8)];
        if s == 4 {
            sk.push(("Support", 5));
        }
        let _ = writeln!(
            t,
            "[[agents]]\nlogin_id = \"sup{s:02}\"\nfirst_name = \"{}\"\nlast_name = \"{}\"\nextension = \"{ext}\"\npassword = \"pw{ext}\"\nkind = \"supervisor\"\nteam = {s}\nskills = {}\n",
            FIRST[name],
            LAST[name],
            skills_toml(&sk),
        );
    }
    t.push_str("# Agents: team 1 sells, 2 supports, 3 bills, 4 speaks Spanish.\n");
    for n in 1..=40usize {
        let ext = 2000 + n;
        let team = (n - 1) / 10 + 1;
        let _ = writeln!(
            t,
            "[[agents]]\nlogin_id = \"agent{n:02}\"\nfirst_name = \"{}\"\nlast_name = \"{}\"\nextension = \"{ext}\"\npassword = \"pw{ext}\"\nteam = {team}\nskills = {}\n",
            FIRST[n - 1],
            LAST[n - 1],
            skills_toml(&skills(n)),
        );
    }
    t.truncate(t.trim_end().len());
    t.push('\n');
    t
}

/// A large generated center for load tests: `agents` agents in teams of 100 (the first of each
/// team is its supervisor), 10 CSQs, 5 applications and one CTI port per two agents.
pub(crate) fn synthetic(agents: usize) -> crate::Config {
    use crate::config::*;
    use std::collections::BTreeMap;
    let skill = |k: usize| format!("Skill{k}");
    let csqs: Vec<Csq> = (0..10)
        .map(|k| Csq {
            id: k as u32 + 1,
            name: format!("Queue {k}"),
            description: None,
            policy: if k % 2 == 0 {
                RoutingPolicy::LongestAvailable
            } else {
                RoutingPolicy::MostSkilled
            },
            skills: BTreeMap::from([(skill(k), 1)]),
            service_level_s: 30,
            auto_work: k % 3 == 0,
            wrap_up_s: None,
        })
        .collect();
    let applications: Vec<Application> = (0..5)
        .map(|k| Application {
            id: k as u32 + 1,
            name: format!("Line {k}"),
            description: None,
            triggers: vec![format!("{}", 6000 + k)],
            max_queued: agents.max(1) as u32,
            csq: k as u32 * 2 + 1,
            menu: BTreeMap::from([("2".to_string(), k as u32 * 2 + 2)]),
        })
        .collect();
    let teams_n = agents.div_ceil(100).max(1);
    let teams: Vec<Team> = (0..teams_n)
        .map(|t| Team {
            id: t as u32 + 1,
            name: format!("Team {t}"),
            supervisors: if t * 100 < agents {
                vec![format!("a{:05}", t * 100)]
            } else {
                Vec::new()
            },
            csqs: vec![(t % 10) as u32 + 1],
        })
        .collect();
    let agents_v: Vec<Agent> = (0..agents)
        .map(|i| {
            let ext = 100_000 + i;
            Agent {
                login_id: format!("a{i:05}"),
                first_name: FIRST[i % FIRST.len()].into(),
                last_name: LAST[(i / FIRST.len()) % LAST.len()].into(),
                extension: ext.to_string(),
                instrument: None,
                password: format!("pw{ext}"),
                kind: if i % 100 == 0 {
                    AgentKind::Supervisor
                } else {
                    AgentKind::Agent
                },
                team: (i / 100) as u32 + 1,
                skills: BTreeMap::from([
                    (skill(i % 10), (i % 7 + 3) as u8),
                    (skill((i / 10 + 3) % 10), (i % 5 + 4) as u8),
                ]),
            }
        })
        .collect();
    Config {
        center: CenterSettings {
            name: format!("synthetic center of {agents} agents"),
            ..CenterSettings::default()
        },
        devices: Devices {
            call_control_group: 1,
            cti_ports: (0..agents.div_ceil(2).max(1))
                .map(|p| (800_000 + p).to_string())
                .collect(),
        },
        applications,
        csqs,
        teams,
        agents: agents_v,
        reason_codes: vec![
            ReasonCodeDef {
                code: 100,
                label: "Break".into(),
                kind: ReasonKind::NotReady,
            },
            ReasonCodeDef {
                code: 200,
                label: "End of shift".into(),
                kind: ReasonKind::Logout,
            },
        ],
    }
}
