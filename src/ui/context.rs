//! The one piece of shared state: the sandbox, the clock speed, and a notice for the learner.
//!
//! Components read the sandbox through typed accessors and change it through `call`, which
//! goes through `Sandbox::call` like everything else, then re-renders whoever listens.

use crate::engine::{ApiError, Sandbox};
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
}

impl Shared {
    pub fn new(sandbox: Sandbox, settings: Settings, notice: Option<String>) -> Rc<Self> {
        Rc::new(Self {
            sandbox: RefCell::new(sandbox),
            speed: Cell::new(settings.speed),
            notice: RefCell::new(notice),
            dirty: Cell::new(false),
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

    /// Calls an AWS operation as the learner, then re-renders.
    pub fn call(&self, target: &str, body: Value) -> Result<Value, ApiError> {
        let result = self.0.shared.sandbox.borrow_mut().call(target, body);
        self.changed();
        result
    }

    /// Runs one AWS CLI command line against the sandbox, then re-renders.
    pub fn run_cli(&self, line: &str) -> crate::cli::CliOutput {
        let out = crate::cli::run(&mut self.0.shared.sandbox.borrow_mut(), line);
        self.changed();
        out
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
