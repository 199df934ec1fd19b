//! What the lab and quiz pages share with the lab panel (components never import pages): the
//! labs shipped with the page, starting a lab, and the quiz selection saved in this browser.

use crate::host::{self, storage};
use crate::labs::start_plan::{plan, start_keeping, StartPlan};
use crate::labs::{ActionError, Lab, LabError, Labs};
use crate::quiz::Selection;
use crate::ui::context::SandboxHandle;
use std::sync::OnceLock;

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
