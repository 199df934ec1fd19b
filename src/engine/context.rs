//! What a service sees while it answers a call: the clock, the account's identity, the seeded
//! random numbers and its own state — not the rest of the account. A service that needs
//! another one goes through the sandbox's typed entries instead (`Sandbox::call_typed`).

use super::{SandboxConfig, SandboxRng, SimTime};

/// A service's narrow view of the account, for one call or one tick.
pub struct Ctx<'a, S> {
    /// The simulated time of the call.
    pub now: SimTime,
    /// The account id and region (for ARNs and messages) and the account's limits.
    pub config: &'a SandboxConfig,
    /// The account's seeded random numbers (ids, suffixes): the same calls give the same bytes.
    pub rng: &'a mut SandboxRng,
    /// The service's own state.
    pub state: &'a mut S,
}

impl<S> Ctx<'_, S> {
    /// `arn:aws:<service>:<region>:<account>:<resource>`
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.config.region, self.config.account_id
        )
    }

    /// The 12-digit account id.
    pub fn account(&self) -> &str {
        &self.config.account_id
    }
}

/// A sandbox holds the state of type `S` (one service's) and lends it out in a [`Ctx`].
/// The `services!` list implements it for every service's state.
pub trait Holds<S> {
    fn ctx(&mut self) -> Ctx<'_, S>;
}
