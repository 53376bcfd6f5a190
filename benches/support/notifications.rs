//! What telling people costs: the sweep of reminders, escalations and digests over the whole
//! register, and the outbox's share of a write, on the benchmark's database.
//!
//! The outbox's cost is an interleaved A/B in one run (this machine's speed drifts between
//! runs): status changes alternate between irritants whose owner and watcher are told and
//! irritants nobody is told of (the same action, finding an empty audience). It is measured
//! twice: as users meet a write, a form POST to the running server, one at a time (the target;
//! the server has no mail server, so two notifications are written in the write's
//! transaction); and as the action alone, in the process, e-mailing (reported, to show the
//! database's share: two notifications and one e-mail queued). Targets: the sweep under
//! 5 s at 100,000 irritants; the outbox under 10 % of a write's median.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use irritrack::actions::sweep::{SweepRules, sweep};
use irritrack::actions::{Acting, Outcome};
use irritrack::db::schema::{irritants, people, watches};
use irritrack::db::{self, DbConnection};
use irritrack::domain::accounts::Actor;
use irritrack::domain::ids::{IrritantId, PersonId};
use irritrack::domain::notification::{Delivery, NotificationKind};
use irritrack::domain::{Reference, StatusChangeInput};

const SWEEP_TARGET_SECONDS: f64 = 5.0;
const OUTBOX_TARGET_SHARE: f64 = 0.10;
/// Status changes of each kind (told, not told).
const CHANGES: usize = 400;

/// The outbox's share of a write as users meet it: status changes posted to the running
/// server, told and untold in turn. A share above the target is returned as a miss.
pub fn outbox_share_over_http(
    server: &super::Server,
    url: &str,
    actor_email: &str,
) -> Option<String> {
    let (pool, _) = db::connect(url, 2, Duration::from_secs(5)).expect("the database opens");
    let mut conn = pool.get().expect("a connection");
    let actor = bench_actor(&mut conn, actor_email);
    let (told, untold) = prepared_irritants(&mut conn, &actor.id);
    let mut client = super::Connection::open(server.port, &server.credentials);
    let today = chrono::Local::now().date_naive().to_string();
    let (mut with_outbox, mut without) = (Vec::new(), Vec::new());
    for (to, note) in [("dormant", "Paused+for+the+benchmark"), ("open", "Resumed")] {
        for (a, b) in told.iter().zip(&untold) {
            for (reference, samples) in [(a, &mut with_outbox), (b, &mut without)] {
                let (status, body) =
                    client.request("GET", &format!("/api/v1/irritants/{reference}"), None);
                assert_eq!(status, 200);
                let irritant: serde_json::Value = serde_json::from_slice(&body).unwrap();
                let form = format!(
                    "version={}&status={to}&effective_date={today}&note={note}",
                    irritant["version"]
                );
                let started = Instant::now();
                let (status, _) = client.request(
                    "POST",
                    &format!("/irritants/{reference}/status"),
                    Some(&form),
                );
                samples.push(started.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(status, 303, "status change of {reference}");
            }
        }
    }
    // The server has no mail server configured: only the notifications are written.
    let share = print_share(
        "Status change (form POST), median: told (2 notifications)",
        &mut with_outbox,
        &mut without,
    );
    (share > OUTBOX_TARGET_SHARE).then(|| {
        format!(
            "the outbox adds {:.1} % to a write's median > {:.0} %",
            share * 100.0,
            OUTBOX_TARGET_SHARE * 100.0
        )
    })
}

/// Prints the A/B line; the share of the untold median that telling adds.
fn print_share(name: &str, with_outbox: &mut [f64], without: &mut [f64]) -> f64 {
    let (a, b) = (median_ms(with_outbox), median_ms(without));
    let share = (a - b) / b;
    println!(
        "| {name} / nobody told | {a:.3} ms / {b:.3} ms: outbox {:+.1} % |",
        share * 100.0
    );
    share
}

/// The sweep, twice, and the outbox's share of the action alone; the targets missed.
pub fn measure(backend: &str, url: &str, actor_email: &str) -> Vec<String> {
    let (pool, _) = db::connect(url, 2, Duration::from_secs(5)).expect("the database opens");
    let mut conn = pool.get().expect("a connection");
    let mut missed = Vec::new();
    println!("\n### {backend}: notifications\n");
    println!("| measurement | result |");
    println!("|---|---|");
    for run in ["first", "second (tells nothing new)"] {
        let started = Instant::now();
        let rules = SweepRules {
            as_of: chrono::Local::now().naive_local(),
            stale_after_days: 30,
            escalate_after_days: 14,
            mail: true,
        };
        let report = sweep(&mut conn, rules).expect("the sweep runs");
        let seconds = started.elapsed().as_secs_f64();
        println!("| Sweep, {run} | {seconds:.2} s: {report:?} |");
        if seconds > SWEEP_TARGET_SECONDS {
            missed.push(format!(
                "sweep ({run}) {seconds:.2} s > {SWEEP_TARGET_SECONDS} s"
            ));
        }
    }
    outbox_share_of_the_action(&mut conn, actor_email);
    missed
}

/// The outbox's share of the status change action's median time, in the process.
fn outbox_share_of_the_action(conn: &mut DbConnection, actor_email: &str) {
    let actor = bench_actor(conn, actor_email);
    let (told, untold) = prepared_irritants(conn, &actor.id);
    let acting = Acting {
        actor,
        ip: "127.0.0.1".to_owned(),
        today: chrono::Local::now().date_naive(),
        mail: true,
    };
    let (mut with_outbox, mut without) = (Vec::new(), Vec::new());
    for (to, note) in [("dormant", "Paused for the benchmark"), ("open", "Resumed")] {
        for (a, b) in told.iter().zip(&untold) {
            with_outbox.push(timed_change(conn, &acting, a, (to, note)));
            without.push(timed_change(conn, &acting, b, (to, note)));
        }
    }
    print_share(
        "Status change action alone, median: told (2 notifications, 1 e-mail)",
        &mut with_outbox,
        &mut without,
    );
}

fn bench_actor(conn: &mut DbConnection, email: &str) -> Actor {
    let email = irritrack::domain::Email::parse(email).expect("an address");
    db::accounts::find_account_by_email(conn, &email)
        .expect("the benchmark's account")
        .actor()
}

/// Open irritants: the first half owned by someone and watched by someone who wants status
/// changes at once; the second half owned and watched by no one. Set up directly, as the
/// benchmark's fixture.
fn prepared_irritants(
    conn: &mut DbConnection,
    actor: &PersonId,
) -> (Vec<Reference>, Vec<Reference>) {
    let rows: Vec<(String, String)> = irritants::table
        .filter(irritants::status.eq("open"))
        .order(irritants::reference.asc())
        .limit((2 * CHANGES) as i64)
        .select((irritants::id, irritants::reference))
        .load(conn)
        .expect("open irritants");
    assert_eq!(rows.len(), 2 * CHANGES, "enough open irritants");
    let others: Vec<String> = people::table
        .filter(people::id.ne(actor.as_str()))
        .order(people::id.asc())
        .limit(2)
        .select(people::id)
        .load(conn)
        .expect("two people");
    let (owner, watcher) = (others[0].clone(), PersonId::from(others[1].clone()));
    db::notifications::set_delivery(
        conn,
        &watcher,
        NotificationKind::StatusChanged,
        Delivery::Immediate,
    )
    .expect("a preference");
    let (told, untold) = rows.split_at(CHANGES);
    for (id, _) in told {
        let irritant = IrritantId::from(id.clone());
        diesel::update(irritants::table.filter(irritants::id.eq(id)))
            .set(irritants::owner_id.eq(&owner))
            .execute(conn)
            .expect("an owner");
        db::notifications::watch(conn, &irritant, &watcher).expect("a watcher");
    }
    for (id, _) in untold {
        diesel::update(irritants::table.filter(irritants::id.eq(id)))
            .set(irritants::owner_id.eq(None::<String>))
            .execute(conn)
            .expect("no owner");
        diesel::delete(watches::table.filter(watches::irritant_id.eq(id)))
            .execute(conn)
            .expect("no watchers");
    }
    let references = |rows: &[(String, String)]| {
        rows.iter()
            .map(|(_, r)| Reference::parse(r).expect("a reference"))
            .collect::<Vec<_>>()
    };
    (references(told), references(untold))
}

/// How long one status change takes, in milliseconds.
fn timed_change(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    (to, note): (&str, &str),
) -> f64 {
    let version = db::irritants::find(conn, reference)
        .expect("the irritant")
        .version;
    let input = StatusChangeInput {
        status: to.to_owned(),
        effective_date: acting.today.to_string(),
        note: note.to_owned(),
        closure_reason: String::new(),
        summary: String::new(),
    };
    let started = Instant::now();
    let outcome =
        irritrack::actions::irritants::change_status(conn, acting, (reference, version), &input)
            .expect("the change is made");
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    assert!(matches!(outcome, Outcome::Saved(_)), "{outcome:?}");
    elapsed
}

fn median_ms(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
