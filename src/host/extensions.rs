//! Fetching the engine's extensions (`engine::extension`) when the sandbox first needs them:
//! each is a split point, whose module the site's build cut out of the sandbox's. Without the
//! `split` feature everything is already there and this does nothing.

use crate::engine::extension::Extension;
use crate::split::Unavailable;
use crate::split_point;
use std::cell::RefCell;
use std::collections::HashMap;

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

split_point!(
    jq,
    /// jq, for dynamic partitioning's keys.
    fn jq_table() -> &'static crate::engine::extension::Jq {
        &crate::engine::firehose::partition::jq::JQ
    }
);

split_point!(
    columnar,
    /// Record format conversion to Parquet and ORC, and reading such objects back.
    fn columnar_table() -> &'static crate::engine::extension::Columnar {
        &crate::engine::firehose::convert::COLUMNAR
    }
);

split_point!(
    sql,
    /// Amazon Redshift's SQL engine (GlueSQL).
    fn sql_table() -> &'static crate::engine::extension::Sql {
        &crate::engine::redshift::sql::SQL
    }
);

/// Who waits for an extension being fetched.
type Waiters = Vec<Box<dyn Fn(Extension, Result<(), Unavailable>)>>;

thread_local! {
    /// Extensions being fetched now and who waits for each, so that a tick and a page asking
    /// for the same one share one fetch and both hear when it is done.
    static FETCHING: RefCell<HashMap<Extension, Waiters>> = RefCell::new(HashMap::new());
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
        Extension::Jq => {
            let _table = jq_table().await?;
            #[cfg(feature = "split")]
            crate::engine::extension::install_jq(_table);
        }
        Extension::Columnar => {
            let _table = columnar_table().await?;
            #[cfg(feature = "split")]
            crate::engine::extension::install_columnar(_table);
        }
        Extension::Sql => {
            let _table = sql_table().await?;
            #[cfg(feature = "split")]
            crate::engine::extension::install_sql(_table);
        }
    }
    Ok(())
}

/// Fetches every extension not there yet (for what replays the console's actions, such as a
/// lab's starting point: time must pass in it as it would in the console). But Redshift's SQL
/// engine (a megabyte): a statement waits for it as SUBMITTED, the clock holding meanwhile,
/// and runs as soon as the ticker has fetched it.
pub async fn fetch_all() -> Result<(), Unavailable> {
    for extension in Extension::ALL {
        if extension != Extension::Sql && !crate::engine::extension::present(extension) {
            fetch(extension).await?;
        }
    }
    Ok(())
}

/// Whether `extension` is being fetched now.
pub fn fetching(extension: Extension) -> bool {
    FETCHING.with(|f| f.borrow().contains_key(&extension))
}

/// Starts fetching each of `missing` (or joins the fetch already on its way); `done` hears how
/// each went.
pub fn fetch_in_background(
    missing: &[Extension],
    done: impl Fn(Extension, Result<(), Unavailable>) + Clone + 'static,
) {
    for &extension in missing {
        let fresh = FETCHING.with(|f| {
            let mut fetching = f.borrow_mut();
            let fresh = !fetching.contains_key(&extension);
            fetching
                .entry(extension)
                .or_default()
                .push(Box::new(done.clone()));
            fresh
        });
        if !fresh {
            continue;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = fetch(extension).await;
            let waiters = FETCHING.with(|f| f.borrow_mut().remove(&extension).unwrap_or_default());
            for waiter in waiters {
                waiter(extension, outcome);
            }
        });
    }
}
