//! What the lab and quiz pages share with the lab panel (components never import pages): the
//! labs shipped with the page, starting a lab, "Show me", what the console's pages show that a
//! lab's goal may check, and the quiz selection saved in this browser.

use crate::host::{self, storage};
use crate::labs::start_plan::{plan, start_keeping, StartPlan};
use crate::labs::{observations_in, Action, ActionError, Lab, LabError, Labs, Observation};
use crate::quiz::Selection;
use crate::ui::context::{use_sandbox, SandboxHandle};
use std::sync::OnceLock;
use yew::prelude::*;

/// The localStorage key of the topics, exams and exam length last chosen.
pub const SELECTION_KEY: &str = "kinesis-sandbox:quiz-selection:v1";

/// The labs shipped with the page, parsed once.
pub fn registry() -> Result<&'static Labs, &'static LabError> {
    static LABS: OnceLock<Result<Labs, LabError>> = OnceLock::new();
    LABS.get_or_init(Labs::embedded).as_ref()
}

/// What starting `lab` at `step` (from 0) would create, replace, delete and keep.
pub fn start_plan(
    sandbox: &SandboxHandle,
    lab: &Lab,
    step: usize,
) -> Result<StartPlan, ActionError> {
    let config = host::fresh_config();
    sandbox.inspect(|sb| plan(lab, step, &config, sb))
}

/// Starts `lab` at `step` (from 0): a new sandbox in the lab's starting state with the steps
/// before `step` done for the learner, and the learner's resources the lab doesn't need made
/// again in it (see [`start_plan`]). Returns false (with a notice) if that failed.
pub fn start_lab(sandbox: &SandboxHandle, lab: &Lab, step: usize) -> bool {
    match sandbox.inspect(|sb| start_keeping(lab, step, host::fresh_config(), sb)) {
        Ok(sb) => {
            sandbox.replace(sb);
            sandbox.update_labs(|p| {
                p.current = Some(lab.id.clone());
                let state = p.state_mut(&lab.id);
                *state = Default::default();
                state.step = step;
                state.done = (0..step).collect();
                state.answered = (0..step).collect();
            });
            crate::ui::components::lab_panel::announce_start(&lab.id);
            true
        }
        Err(e) => {
            sandbox.set_notice(Some(format!(
                "The lab \"{}\" could not set up its starting state ({e}). Your sandbox is unchanged.",
                lab.title
            )));
            false
        }
    }
}

/// Runs a step's "Show me": its actions as one change that Undo takes back whole, and the
/// observations it counts as seen for the learner.
pub fn show_me(
    sandbox: &SandboxHandle,
    label: &str,
    actions: &[Action],
) -> Result<(), ActionError> {
    let result = if actions.iter().any(|a| a.observe.is_none()) {
        sandbox.run_actions(label, actions)
    } else {
        Ok(())
    };
    let seen = observations_in(actions);
    if result.is_ok() && !seen.is_empty() {
        sandbox.update_labs(|p| {
            for o in seen {
                p.observe(o);
            }
        });
    }
    result
}

/// Records what a page shows now that a lab's goal may check (see [`crate::labs::observe`])
/// into the lab under way, each observation once.
#[hook]
pub fn use_observations(shown: Vec<Observation>) {
    let sandbox = use_sandbox();
    let missing: Vec<Observation> =
        sandbox.read_labs(|p| shown.into_iter().filter(|o| !p.has_observed(o)).collect());
    use_effect_with(missing, move |missing| {
        if !missing.is_empty() {
            let missing = missing.clone();
            sandbox.update_labs(|p| {
                for o in missing {
                    p.observe(o);
                }
            });
        }
    });
}

/// The quiz selection last chosen in this browser, or the default one.
pub fn load_selection() -> Selection {
    storage::load_text(SELECTION_KEY)
        .map(|text| Selection::from_json(&text))
        .unwrap_or_default()
}

/// Keeps `selection` for the next visit (a full storage only loses this choice).
pub fn save_selection(selection: &Selection) {
    storage::save_text(SELECTION_KEY, &selection.to_json());
}
