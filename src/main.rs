#[cfg(target_arch = "wasm32")]
fn main() {
    use kinesis_sandbox::{host, ui};
    let root = host::start();
    // The save is read from IndexedDB, which answers asynchronously: until then the page
    // shows its "Loading Kinesis Sandbox…" message.
    wasm_bindgen_futures::spawn_local(async move {
        let restored = host::storage::restore().await;
        ui::mount_restored(root, restored);
        host::started();
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kinesis Sandbox is a web page: build it with `make serve` or `make dist`.");
}
