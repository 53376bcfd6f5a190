// A page allocates many small strings on several threads at once; mimalloc serves that with
// less locking and less fragmentation (so less resident memory) than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    irritrack::cli::main()
}
