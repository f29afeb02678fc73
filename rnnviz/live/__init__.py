"""Live training: a session's training on background threads, which the pages poll. No Streamlit here.

    worker.py            TrainingWorker: the Train page's training (start, pause, one step, stop)
    runners.py           RaceRunner and SweepRunner: the Compare page's race and sequence-length sweep
    training_threads.py  TrainingThread, the API all three share; training_now(), how many train now
    session_watch.py     SessionWatch: when a thread's session has ended, after a reconnect's grace
    upload_work.py       UploadWork: reading and inspecting an upload in chunks, yielding to training, stopping with its session
    status.py            what a training thread is doing, in the learner's words
    cpu_slots.py         the few CPU slots that every session's training steps take turns for
    pace.py              how often a live page polls, given how many train on the server
    speed.py             how fast the worker trains: its pace (steps/s), its measured rate, keep-going caps
"""
