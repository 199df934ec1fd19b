//! The one piece of shared state: the sandbox, the clock speed, and a notice for the learner.
//!
//! Components read the sandbox through typed accessors and change it through `call`, which
//! goes through `Sandbox::call` like everything else, then re-renders whoever listens.

use crate::engine::{is_read_only, ApiError, Sandbox};
use crate::labs::{Action, ActionError, LabProgress};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use yew::prelude::*;

/// How fast simulated time runs against real time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Speed {
    Paused,
    #[default]
    RealTime,
    Times10,
    Times60,
}

impl Speed {
    pub const ALL: [Speed; 4] = [
        Speed::Paused,
        Speed::RealTime,
        Speed::Times10,
        Speed::Times60,
    ];

    pub fn factor(self) -> f64 {
        match self {
            Speed::Paused => 0.0,
            Speed::RealTime => 1.0,
            Speed::Times10 => 10.0,
            Speed::Times60 => 60.0,
        }
    }

    /// The button's text, which is also its accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Paused => "Pause",
            Speed::RealTime => "1×",
            Speed::Times10 => "10×",
            Speed::Times60 => "60×",
        }
    }
}

/// Settings saved beside the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub speed: Speed,
}

impl Settings {
    pub fn from_json(value: &Value) -> Self {
        serde_json::from_value(value.clone()).unwrap_or_default()
    }

    pub fn to_json(self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// State shared by the ticker, the autosave and every component.
pub struct Shared {
    pub sandbox: RefCell<Sandbox>,
    pub speed: Cell<Speed>,
    pub notice: RefCell<Option<String>>,
    /// Something changed since the last autosave.
    pub dirty: Cell<bool>,
    /// The learner's progress through the labs (saved on every change).
    pub labs: RefCell<LabProgress>,
    /// The sandbox as it was before each of the learner's last changes, newest last.
    pub undo: RefCell<Vec<UndoPoint>>,
}

/// The sandbox before one of the learner's changes, for Undo.
pub struct UndoPoint {
    /// What the change was: an operation name or a command line.
    pub label: String,
    pub before: Box<Sandbox>,
}

/// How many changes Undo can take back. Each point is a whole copy of the sandbox.
pub const UNDO_DEPTH: usize = 5;

impl Shared {
    pub fn new(sandbox: Sandbox, settings: Settings, notice: Option<String>) -> Rc<Self> {
        Rc::new(Self {
            sandbox: RefCell::new(sandbox),
            speed: Cell::new(settings.speed),
            notice: RefCell::new(notice),
            dirty: Cell::new(false),
            labs: RefCell::new(
                crate::host::storage::load_text(crate::host::storage::LABS_KEY)
                    .map(|t| LabProgress::from_json(&t))
                    .unwrap_or_default(),
            ),
            undo: RefCell::new(Vec::new()),
        })
    }

    pub fn settings(&self) -> Settings {
        Settings {
            speed: self.speed.get(),
        }
    }
}

/// A snapshot handle: a new revision each time the shared state changes, so that
/// `use_context` consumers re-render.
pub struct AppState {
    pub shared: Rc<Shared>,
    pub revision: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && Rc::ptr_eq(&self.shared, &other.shared)
    }
}

/// "Something changed": bump the revision.
pub struct Changed;

impl Reducible for AppState {
    type Action = Changed;
    fn reduce(self: Rc<Self>, _: Changed) -> Rc<Self> {
        Rc::new(AppState {
            shared: self.shared.clone(),
            revision: self.revision + 1,
        })
    }
}

/// What components get from `use_sandbox()`.
#[derive(Clone, PartialEq)]
pub struct SandboxHandle(pub UseReducerHandle<AppState>);

impl SandboxHandle {
    pub fn shared(&self) -> &Rc<Shared> {
        &self.0.shared
    }

    /// Reads the sandbox.
    pub fn read<R>(&self, f: impl FnOnce(&Sandbox) -> R) -> R {
        f(&self.0.shared.sandbox.borrow())
    }

    /// Calls an AWS operation as the learner, then re-renders. A call that may change the
    /// sandbox can be undone.
    pub fn call(&self, target: &str, body: Value) -> Result<Value, ApiError> {
        let before = (!is_read_only(target)).then(|| self.snapshot());
        let result = self.0.shared.sandbox.borrow_mut().call(target, body);
        // Only a change is undoable: a refused call changed nothing.
        if let (Some(before), true) = (before, result.is_ok()) {
            let operation = target.split_once('.').map_or(target, |(_, op)| op);
            self.push_undo(operation.to_string(), before);
        }
        self.changed();
        result
    }

    /// A call a device makes rather than a learner's change: a producer's media, about one
    /// call a second while it records. Not an Undo step (a snapshot of the whole sandbox each
    /// second would cost more than it could ever give back).
    pub fn call_streaming(&self, target: &str, body: Value) -> Result<Value, ApiError> {
        let result = self.0.shared.sandbox.borrow_mut().call(target, body);
        self.changed();
        result
    }

    /// Sends a request a form built (see [`crate::forms`]), as [`Self::call`].
    pub fn send(&self, request: crate::forms::Request) -> Result<Value, ApiError> {
        self.call(request.target, request.body)
    }

    /// A sender for a form's requests: each answer's error (or none) goes back to the form as
    /// `answered(error)`; the sender tells whether the call succeeded.
    pub fn sender<R: yew::Reducible + 'static>(
        &self,
        dispatch: yew::UseReducerDispatcher<R>,
        answered: fn(Option<ApiError>) -> R::Action,
    ) -> impl Fn(crate::forms::Request) -> bool + Clone {
        let sandbox = self.clone();
        move |request| {
            let answer = sandbox.send(request);
            let ok = answer.is_ok();
            dispatch.dispatch(answered(answer.err()));
            ok
        }
    }

    /// Runs one AWS CLI command line against the sandbox, then re-renders.
    pub fn run_cli(&self, line: &str) -> crate::cli::CliOutput {
        // Only a command that may change the sandbox, and did not fail (typos included), is
        // undoable.
        let changing = matches!(
            crate::cli::parse(line),
            Ok(crate::cli::Parsed::Call { ref target, .. }) if !is_read_only(target)
        );
        let before = changing.then(|| self.snapshot());
        let out = crate::cli::run(&mut self.0.shared.sandbox.borrow_mut(), line);
        if let (Some(before), 0) = (before, out.exit_code) {
            self.push_undo(line.trim().to_string(), before);
        }
        self.changed();
        out
    }

    /// Runs a lab's "Show me" actions as one change that Undo takes back whole.
    pub fn run_actions(&self, label: &str, actions: &[Action]) -> Result<(), ActionError> {
        self.remember(label.to_string());
        let result = crate::labs::run_actions(&mut self.0.shared.sandbox.borrow_mut(), actions);
        self.changed();
        result
    }

    /// Keeps a copy of the sandbox before a change.
    fn remember(&self, label: String) {
        let before = self.snapshot();
        self.push_undo(label, before);
    }

    fn snapshot(&self) -> Box<Sandbox> {
        Box::new(self.0.shared.sandbox.borrow().clone())
    }

    fn push_undo(&self, label: String, before: Box<Sandbox>) {
        let mut undo = self.0.shared.undo.borrow_mut();
        if undo.len() == UNDO_DEPTH {
            undo.remove(0);
        }
        undo.push(UndoPoint { label, before });
    }

    /// What Undo would take back, if anything.
    pub fn undo_label(&self) -> Option<String> {
        self.0.shared.undo.borrow().last().map(|p| p.label.clone())
    }

    /// Takes back the learner's last change: the sandbox as it was before it, with the time
    /// since then passing again without it (the engine is deterministic, so everything else
    /// that happened meanwhile happens again).
    pub fn undo(&self) -> Option<String> {
        let point = self.0.shared.undo.borrow_mut().pop()?;
        {
            let mut sb = self.0.shared.sandbox.borrow_mut();
            let elapsed = sb.now().since(point.before.now());
            *sb = *point.before;
            sb.advance(elapsed);
        }
        crate::host::storage::sandbox_replaced();
        self.changed();
        Some(point.label)
    }

    /// Replaces the whole sandbox (a lab's starting state, an import); Undo starts afresh.
    pub fn replace(&self, sandbox: Sandbox) {
        *self.0.shared.sandbox.borrow_mut() = sandbox;
        crate::host::storage::sandbox_replaced();
        self.0.shared.undo.borrow_mut().clear();
        self.changed();
    }

    /// The learner's lab progress, a copy.
    pub fn labs(&self) -> LabProgress {
        self.0.shared.labs.borrow().clone()
    }

    /// Reads the lab progress without copying it (for what every render looks at).
    pub fn read_labs<R>(&self, f: impl FnOnce(&LabProgress) -> R) -> R {
        f(&self.0.shared.labs.borrow())
    }

    /// Changes the lab progress, saves it, then re-renders.
    pub fn update_labs<R>(&self, f: impl FnOnce(&mut LabProgress) -> R) -> R {
        let out = f(&mut self.0.shared.labs.borrow_mut());
        let text = self.0.shared.labs.borrow().to_json();
        crate::host::storage::save_text(crate::host::storage::LABS_KEY, &text);
        self.0.dispatch(Changed);
        out
    }

    /// Runs `f` with the sandbox mutably, without counting as a change (lab goal checks).
    pub fn inspect<R>(&self, f: impl FnOnce(&mut Sandbox) -> R) -> R {
        f(&mut self.0.shared.sandbox.borrow_mut())
    }

    /// Changes the sandbox in some other way (advance, replace), then re-renders.
    pub fn update(&self, f: impl FnOnce(&mut Sandbox)) {
        f(&mut self.0.shared.sandbox.borrow_mut());
        self.changed();
    }

    pub fn advance(&self, by: Duration) {
        self.update(|sb| sb.advance(by));
    }

    pub fn speed(&self) -> Speed {
        self.0.shared.speed.get()
    }

    pub fn set_speed(&self, speed: Speed) {
        self.0.shared.speed.set(speed);
        self.changed();
    }

    pub fn notice(&self) -> Option<String> {
        self.0.shared.notice.borrow().clone()
    }

    pub fn set_notice(&self, notice: Option<String>) {
        *self.0.shared.notice.borrow_mut() = notice;
        self.0.dispatch(Changed);
    }

    fn changed(&self) {
        self.0.shared.dirty.set(true);
        self.0.dispatch(Changed);
    }
}

#[hook]
pub fn use_sandbox() -> SandboxHandle {
    use_context::<SandboxHandle>().expect("the App provides the sandbox context")
}
