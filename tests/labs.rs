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
