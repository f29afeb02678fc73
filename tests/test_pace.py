"""Live pages poll less often as more sessions of the server train."""
from rnnviz.live.pace import poll_seconds


def test_the_interval_grows_in_steps_with_the_sessions_training():
    assert [poll_seconds(0.4, n) for n in (0, 1, 4)] == [0.4, 0.4, 0.4]        # a classroom's few: own pace
    assert [poll_seconds(0.4, n) for n in (5, 10)] == [0.8, 0.8]
    assert [poll_seconds(0.4, n) for n in (11, 20)] == [1.6, 1.6]
    assert poll_seconds(1.0, 20) == 4.0                                        # any page's own pace scales


def test_beyond_twenty_the_interval_doubles_with_the_sessions_so_the_redraws_a_second_stay_level():
    assert [poll_seconds(0.4, n) for n in (21, 40)] == [3.2, 3.2]             # a lecture hall
    assert [poll_seconds(0.4, n) for n in (41, 80)] == [6.4, 6.4]
    assert poll_seconds(0.4, 500) == 0.4 * 128
    for sessions in (20, 40, 80, 160):       # the server's redraws a second, every session polling at 0.4 s
        assert sessions / poll_seconds(0.4, sessions) == 20 / 1.6
