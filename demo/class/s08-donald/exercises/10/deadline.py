# Calls the target in the parent and catches SystemExit: no process, nothing to
# stop; a runaway hangs the program.
# expect-fail: test_a_target_that_finishes_gives_its_exit_code, test_a_runaway_target_is_stopped_at_the_deadline
# expect-message: never ran in a child process
def run_with_deadline(target, args, seconds):
    try:
        target(*args)
    except SystemExit as exc:
        return exc.code
    except Exception:
        return 1
    return 0
