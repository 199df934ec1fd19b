//! Split points: functions whose code the site's build (`scripts/build.mjs`, feature `split`)
//! moves out of the module that calls them, into a module fetched the first time one of them
//! is called (ARCHITECTURE.md, "What loads when").
//!
//! [`split_point!`](crate::split_point) declares one. With the feature, the call fetches and
//! instantiates the function's module (once) and then runs it; without it (native and browser
//! tests, benchmarks), it is an ordinary async call. Either way it answers `Result<_,
//! Unavailable>`, so callers handle a failed fetch the same way in every build.

/// A split module could not be fetched (offline before it was ever fetched, or the site was
/// replaced by a new build under the open page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("this part of the sandbox could not be downloaded")
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Declares a split point: `split_point!(module, pub fn name(arg: Type) -> Output { body })`
/// defines `async fn name(arg: Type) -> Result<Output, Unavailable>`, whose body's code goes
/// into the split module `module` (several functions may name the same module).
#[macro_export]
macro_rules! split_point {
    ($module:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        #[wasm_split_helpers::wasm_split($module, fallible)]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::split::Unavailable> {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::split::Unavailable> {
            ::core::result::Result::Ok($body)
        }
    };
}
