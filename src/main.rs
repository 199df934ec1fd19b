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
    use kinesis_sandbox::{host, split_point, ui};
    use std::future::Future;
    use std::pin::Pin;

    /// What the second stage does once its code is there.
    pub type Start = Pin<Box<dyn Future<Output = ()>>>;

    async fn run() {
        let root = gloo::utils::document().get_element_by_id("app");
        let restored = host::storage::restore().await;
        ui::mount_restored(root, restored);
        ui::boot::finish();
        host::started();
    }

    split_point!(
        sandbox,
        /// The sandbox itself: everything the boot view doesn't need.
        pub fn sandbox_app() -> Start {
            Box::pin(run())
        }
    );

    pub fn main() {
        host::start();
        ui::boot::show();
        wasm_bindgen_futures::spawn_local(async {
            match sandbox_app().await {
                Ok(start) => start.await,
                Err(why) => ui::boot::failed(&why.to_string()),
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
