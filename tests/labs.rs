//! Every lab shipped with the page works: its file parses, its "Show me" path from its
//! starting state meets each step's goal, and each goal fails before its step is done.

use kinesis_sandbox::engine::SandboxConfig;
use kinesis_sandbox::labs::{check_step, run_actions, start, Labs};

#[test]
fn every_lab_file_parses_and_validates() {
    let labs = Labs::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labs.all().len(), 5);
    assert!(labs.validate().is_empty());
    for lab in labs.all() {
        assert!(lab.steps.len() >= 3, "{} is too short", lab.id);
    }
}

#[test]
fn every_show_me_path_meets_every_goal_and_no_goal_is_met_too_early() {
    let labs = Labs::embedded().unwrap();
    for lab in labs.all() {
        let mut sb = start(lab, SandboxConfig::default())
            .unwrap_or_else(|e| panic!("{}: setup {e}", lab.id));
        for (n, step) in lab.steps.iter().enumerate() {
            let at = format!("{} step {}", lab.id, n + 1);
            let before = check_step(&mut sb, step, false);
            if !step.goal.is_empty() {
                let goal_checks = &before[..step.goal.len()];
                assert!(
                    goal_checks.iter().any(|c| !c.passed),
                    "{at}: its goal is met before the step is done: {before:?}"
                );
            }
            run_actions(&mut sb, &step.show_me).unwrap_or_else(|e| panic!("{at}: {e}"));
            let after = check_step(&mut sb, step, true);
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
            for c in check_step(&mut sb, step, true) {
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
    let mut sb = kinesis_sandbox::labs::start_at(lab, SandboxConfig::default(), 2).unwrap();
    // Step 2's goal (the delivery stream, configured) holds; step 3's (Active and reading) not yet.
    assert!(check_step(&mut sb, &lab.steps[1], true)
        .iter()
        .all(|c| c.passed));
    assert!(check_step(&mut sb, &lab.steps[2], true)
        .iter()
        .any(|c| !c.passed));
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
