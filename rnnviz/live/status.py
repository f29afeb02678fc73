"""What a training thread is doing, in the learner's words: the `status` of every snapshot it publishes.

One set for the worker and the Compare page's race and sweep, so that a page reads them alike.
"""
READY = "ready"          # built, not started (the worker only: a race or sweep starts when made)
RUNNING = "running"
PAUSED = "paused"        # the worker only
FINISHED = "finished"    # the step budget is spent
DIVERGED = "diverged"    # the loss left the finite numbers: a lesson, shown on the page (the worker only)
STOPPED = "stopped"      # asked to stop, or its session ended (the worker also: an unforeseen error)
FAILED = "failed"        # a race or sweep hit an unforeseen error
