//! The page's entry point, in two stages (ARCHITECTURE.md, "What loads when"):
//! 1. the first-load module shows the boot view (the frame and the home page's text);
//! 2. [`sandbox_app`], a split point, fetches the rest — the engine and everything that reads
//!    it — restores the saved sandbox from IndexedDB and mounts the app in place of the boot
//!    view.
//!
//! Built without the `split` feature, [`sandbox_app`] is an ordinary call and everything is in
//! one module.

#[cfg(target_arch = "wasm32")]
mod web {
    use kinesis_sandbox::{host, ui};
    use std::future::Future;
    use std::pin::Pin;

    /// What the second stage does once its code is there.
    pub type Start = Pin<Box<dyn Future<Output = ()>>>;

    /// The second stage's code could not be fetched (offline before the first visit
    /// completed, or the site changed under the page).
    pub struct Unavailable;

    #[cfg(feature = "split")]
    impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
        fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
            Unavailable
        }
    }

    async fn run() {
        let root = gloo::utils::document().get_element_by_id("app");
        let restored = host::storage::restore().await;
        ui::mount_restored(root, restored);
        ui::boot::finish();
        host::started();
    }

    /// The sandbox itself: everything the boot view doesn't need.
    #[cfg(feature = "split")]
    #[wasm_split_helpers::wasm_split(sandbox, fallible)]
    pub fn sandbox_app() -> Result<Start, Unavailable> {
        Ok(Box::pin(run()))
    }

    #[cfg(not(feature = "split"))]
    pub async fn sandbox_app() -> Result<Start, Unavailable> {
        Ok(Box::pin(run()))
    }

    pub fn main() {
        host::start();
        ui::boot::show();
        wasm_bindgen_futures::spawn_local(async {
            match sandbox_app().await {
                Ok(start) => start.await,
                Err(Unavailable) => ui::boot::failed("the network request failed"),
            }
        });
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    web::main();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kinesis Sandbox is a web page: build it with `make serve` or `make dist`.");
}
