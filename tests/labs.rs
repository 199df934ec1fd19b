//! Every lab shipped with the page works: its file parses, its "Show me" path from its
//! starting state meets each step's goal, and each goal fails before its step is done. Goals
//! about what the learner looked at are met by what the console's pages record.

use kinesis_sandbox::engine::SandboxConfig;
use kinesis_sandbox::forms::stream_create::{CreateStream, CreateStreamAction as A};
use kinesis_sandbox::forms::{stream_details, Form};
use kinesis_sandbox::labs::{
    check_step, observations_in, run_actions, start, start_at, Labs, Observations,
};

#[test]
fn every_lab_file_parses_and_validates() {
    let labs = Labs::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labs.all().len(), 13);
    assert!(labs.validate().is_empty());
    for lab in labs.all() {
        assert!(lab.steps.len() >= 3, "{} is too short", lab.id);
    }
}

/// Answers the frames image generation asked for, as the page's host does with a `<video>`
/// and a canvas: a JPEG's first bytes stand for the image.
fn decode_frames(sb: &mut kinesis_sandbox::engine::Sandbox) {
    for (job, _) in sb.video_take_frame_jobs() {
        sb.video_frame_done(job.id, Some(vec![0xFF, 0xD8, 0xFF, 0xE0]));
    }
}

#[test]
fn every_show_me_path_meets_every_goal_and_no_goal_is_met_too_early() {
    let labs = Labs::embedded().unwrap();
    for lab in labs.all() {
        let mut sb = start(lab, SandboxConfig::default())
            .unwrap_or_else(|e| panic!("{}: setup {e}", lab.id));
        let mut seen = Observations::default();
        for (n, step) in lab.steps.iter().enumerate() {
            let at = format!("{} step {}", lab.id, n + 1);
            let before = check_step(&mut sb, step, false, &seen);
            if !step.goal.is_empty() {
                let goal_checks = &before[..step.goal.len()];
                assert!(
                    goal_checks.iter().any(|c| !c.passed),
                    "{at}: its goal is met before the step is done: {before:?}"
                );
            }
            run_actions(&mut sb, &step.show_me).unwrap_or_else(|e| panic!("{at}: {e}"));
            decode_frames(&mut sb);
            seen.extend(observations_in(&step.show_me));
            let after = check_step(&mut sb, step, true, &seen);
            for c in &after {
                assert!(
                    c.passed,
                    "{at}: `{}` fails after Show me (found {:?})",
                    c.says, c.found
                );
            }
        }
        // Every goal still holds at the end: later steps don't undo earlier ones.
        for (n, step) in lab.steps.iter().enumerate() {
            for c in check_step(&mut sb, step, true, &seen) {
                assert!(
                    c.passed,
                    "{} step {} at the end: `{}` (found {:?})",
                    lab.id,
                    n + 1,
                    c.says,
                    c.found
                );
            }
        }
    }
}

#[test]
fn starting_at_a_later_step_does_the_steps_before_it() {
    let labs = Labs::embedded().unwrap();
    let lab = labs.get("firehose").unwrap();
    let mut sb = start_at(lab, SandboxConfig::default(), 2).unwrap();
    let seen = Observations::default();
    // Step 2's goal (the delivery stream, configured) holds; step 3's (Active and reading) not yet.
    assert!(check_step(&mut sb, &lab.steps[1], true, &seen)
        .iter()
        .all(|c| c.passed));
    assert!(check_step(&mut sb, &lab.steps[2], true, &seen)
        .iter()
        .any(|c| !c.passed));
}

/// Lab 1's looking steps tick from what the console showed, not from the answer alone: the
/// observations Create data stream and the stream's Details tab record, as a learner following
/// the text makes them, meet each goal.
#[test]
fn lab_1_checks_what_the_learner_looked_at_in_the_console() {
    let labs = Labs::embedded().unwrap();
    let lab = labs.get("create-stream").unwrap();
    let mut sb = start(lab, SandboxConfig::default()).unwrap();
    let mut seen = Observations::default();
    let met = |sb: &mut _, n: usize, seen: &Observations| {
        check_step(sb, &lab.steps[n], true, seen)
            .iter()
            .all(|c| c.passed)
    };
    for n in [0, 2, 3] {
        assert!(!lab.steps[n].goal.is_empty(), "step {}", n + 1);
        assert!(lab.steps[n].question.is_some(), "step {}", n + 1);
        assert!(
            !met(&mut sb, n, &seen),
            "step {} ticks from the answer alone",
            n + 1
        );
    }

    // Step 1: Create data stream, Provisioned, the calculator opened and filled in.
    let mut form = CreateStream::default();
    for action in [
        A::OnDemand(false),
        A::CalculatorOpen(true),
        A::RecordKb("1".into()),
        A::RecordsPerSec("1".into()),
        A::RecordsPerSec("15".into()),
    ] {
        form.apply(action);
        seen.extend(form.observations());
    }
    assert!(
        !met(&mut sb, 0, &seen),
        "15 records/s is not the notes' figure"
    );
    form.apply(A::RecordsPerSec("1500".into()));
    seen.extend(form.observations());
    assert!(met(&mut sb, 0, &seen));
    assert!(!met(&mut sb, 2, &seen), "the panel showed 1 shard, not 2");

    // Step 2: 2 shards and Create data stream; the stream's page opens on its Details tab.
    form.apply(A::Name("machinelearning".into()));
    form.apply(A::Shards("2".into()));
    let request = form.request();
    sb.call(request.target, request.body).unwrap();
    sb.advance(std::time::Duration::from_secs(10));
    assert!(met(&mut sb, 1, &seen));
    let details = sb.stream("machinelearning").unwrap();
    seen.extend(stream_details::observations(&details));

    // Steps 3 and 4: the stream's capacity and its shards were on screen.
    assert!(met(&mut sb, 2, &seen));
    assert!(met(&mut sb, 3, &seen));

    // The create page alone also does for step 3: 2 provisioned shards in its panel.
    let mut only_create = Observations::default();
    only_create.extend(form.observations());
    assert!(met(&mut sb, 2, &only_create));
    assert!(!met(&mut sb, 3, &only_create));
}

/// How long a scripted learner's lab takes in simulated time: the "Show me" path's waits.
#[test]
fn simulated_minutes_per_lab() {
    let labs = Labs::embedded().unwrap();
    for lab in labs.all() {
        let mut sb = start(lab, SandboxConfig::default()).unwrap();
        let begin = sb.now();
        for step in &lab.steps {
            run_actions(&mut sb, &step.show_me).unwrap();
        }
        let took = sb.now().since(begin).as_secs();
        println!("{}: {} simulated seconds", lab.id, took);
        assert!(
            took < 3600,
            "{} takes over an hour of simulated time",
            lab.id
        );
    }
}
