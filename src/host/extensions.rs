//! Fetching the engine's extensions (`engine::extension`) when the sandbox first needs them:
//! each is a split point, whose module the site's build cut out of the sandbox's. Without the
//! `split` feature everything is already there and this does nothing.

use crate::engine::extension::Extension;
use crate::split::Unavailable;
use crate::split_point;
use std::cell::RefCell;
use std::collections::HashSet;

split_point!(
    fake_data,
    /// The generator's fake-data tables (the `fake` crate).
    fn fake_data_table() -> &'static crate::engine::extension::FakeData {
        &crate::engine::generator::fake_data::FAKE_DATA
    }
);

split_point!(
    codecs,
    /// ZIP and Snappy, both ways.
    fn codecs_table() -> &'static crate::engine::extension::Codecs {
        &crate::engine::firehose::codecs::CODECS
    }
);

thread_local! {
    /// Extensions being fetched now, so that a tick doesn't ask twice.
    static FETCHING: RefCell<HashSet<Extension>> = RefCell::new(HashSet::new());
}

/// Fetches and installs `extension`.
pub async fn fetch(extension: Extension) -> Result<(), Unavailable> {
    match extension {
        Extension::FakeData => {
            let _table = fake_data_table().await?;
            #[cfg(feature = "split")]
            crate::engine::extension::install_fake_data(_table);
        }
        Extension::Codecs => {
            let _table = codecs_table().await?;
            #[cfg(feature = "split")]
            crate::engine::extension::install_codecs(_table);
        }
    }
    Ok(())
}

/// Starts fetching each of `missing` not already on its way; `done` hears how each went.
pub fn fetch_in_background(
    missing: &[Extension],
    done: impl Fn(Extension, Result<(), Unavailable>) + Clone + 'static,
) {
    for &extension in missing {
        let fresh = FETCHING.with(|f| f.borrow_mut().insert(extension));
        if !fresh {
            continue;
        }
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = fetch(extension).await;
            FETCHING.with(|f| f.borrow_mut().remove(&extension));
            done(extension, outcome);
        });
    }
}
