"""Live pages poll less often as more sessions of the server train."""
from rnnviz.live.pace import poll_seconds


def test_the_interval_grows_in_steps_with_the_sessions_training():
    assert [poll_seconds(0.4, n) for n in (0, 1, 4)] == [0.4, 0.4, 0.4]        # a classroom's few: own pace
    assert [poll_seconds(0.4, n) for n in (5, 10)] == [0.8, 0.8]
    assert [poll_seconds(0.4, n) for n in (11, 20, 500)] == [1.6, 1.6, 1.6]
    assert poll_seconds(1.0, 20) == 4.0                                        # any page's own pace scales
