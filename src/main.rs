#[cfg(target_arch = "wasm32")]
fn main() {
    use kinesis_sandbox::{host, ui};
    let root = host::start();
    ui::mount(root);
    host::started();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kinesis Sandbox is a web page: build it with `make serve` or `make dist`.");
}
