package store

import "testing"

func TestPrefs(t *testing.T) {
	s, _ := openTemp(t)
	steps := []struct {
		set, value string // set the pref to value when set is "set"
		want       string
	}{
		{"", "", ""},
		{"set", "tmr_1", "tmr_1"},
		{"set", "tmr_2", "tmr_2"},
		{"reopen", "", "tmr_2"},
		{"set", "", ""},
		{"reopen", "", ""},
	}
	for i, st := range steps {
		switch st.set {
		case "set":
			if err := s.SetPref("reader", st.value); err != nil {
				t.Fatal(err)
			}
		case "reopen":
			s = reopen(t, s)
		}
		got, err := s.Pref("reader")
		if err != nil || got != st.want {
			t.Errorf("step %d: Pref = %q, %v; want %q", i, got, err, st.want)
		}
	}
}

func TestPrefsAreIndependent(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.SetPref("reader", "tmr_1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPref("capture", "manual"); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"reader": "tmr_1", "capture": "manual", "other": ""} {
		if got, err := s.Pref(key); err != nil || got != want {
			t.Errorf("Pref(%s) = %q, %v; want %q", key, got, err, want)
		}
	}
}

func TestPrefEmptyKey(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.SetPref("", "x"); err == nil {
		t.Error("SetPref with an empty key succeeded")
	}
	if _, err := s.Pref(""); err == nil {
		t.Error("Pref with an empty key succeeded")
	}
}
