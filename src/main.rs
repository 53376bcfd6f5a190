// A page allocates many small strings on several threads at once; mimalloc serves that with
// less locking and less fragmentation (so less resident memory) than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc 3's `mimalloc.h`; the bindings name only some
/// options.
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Where the kernel overcommits, mimalloc commits each arena it reserves in full by default,
/// so pages freed after one large request (the dashboard, an export) stay resident in every
/// thread that touched them. Committed as used and returned when freed, the server holds about
/// half as much at rest and at peak. The option is read when the first arena is reserved, at
/// the process's first allocation, before `main`: hence a constructor, run ahead of the
/// runtime's own.
#[cfg(target_os = "linux")]
extern "C" fn commit_allocator_memory_lazily() {
    // SAFETY: sets a plain option value; no thread exists yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00101")]
static COMMIT_LAZILY: extern "C" fn() = commit_allocator_memory_lazily;

fn main() -> std::process::ExitCode {
    irritrack::cli::main()
}
