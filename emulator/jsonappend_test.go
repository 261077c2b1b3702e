package emulator

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestAppendersAreMarshal: every generated appender writes what json.Marshal writes,
// byte for byte (and fails where it fails), for random values of its type: nil and set
// pointers, nil and empty slices and maps, keys to sort, strings json.Marshal escapes,
// expanded objects, zero values that omitempty leaves out.
func TestAppendersAreMarshal(t *testing.T) {
	types, err := appenderTypes(jsonRoots)
	if err != nil {
		t.Fatal(err)
	}
	iterations := 400
	if testing.Short() {
		iterations = 50
	}
	for _, typ := range types {
		f := newJSONFiller(rand.New(rand.NewPCG(uint64(len(typ.Name())), 13)), nil, nil)
		for range iterations {
			checkAppender(t, f, typ)
		}
	}
}

// FuzzJSONAppenders: values filled from the fuzzer's strings and numbers encode as
// json.Marshal encodes them.
func FuzzJSONAppenders(f *testing.F) {
	f.Add("<b>&amp;\"q\"\\", int64(-1), uint64(1))
	f.Add("\xff\xfe\u2028\u2029\x00\x1f é 日本", int64(math.MinInt64), uint64(2))
	f.Add("", int64(0), uint64(3))
	f.Add("zz\taa\nmm", int64(math.MaxInt64), uint64(4))
	types, err := appenderTypes(jsonRoots)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, n int64, seed uint64) {
		strs := []string{s, s[:len(s)/2], s[len(s)/2:], s + s}
		ints := []int64{n, -n, n >> 17, n & 0xffff}
		fl := newJSONFiller(rand.New(rand.NewPCG(seed, uint64(n))), strs, ints)
		for _, typ := range types {
			checkAppender(t, fl, typ)
		}
	})
}

// checkAppender compares a random *typ's appendJSON with json.Marshal, appended to a
// buffer already holding something.
func checkAppender(t *testing.T, f *jsonFiller, typ reflect.Type) {
	t.Helper()
	v := reflect.New(typ)
	f.fill(v.Elem(), 0)
	want, werr := json.Marshal(v.Interface())
	a, ok := v.Interface().(jsonAppender)
	if !ok {
		t.Fatalf("%s has no appendJSON: run go test ./emulator -run TestJSONAppendersUpToDate -update", typ)
	}
	got, gerr := a.appendJSON([]byte("prefix"))
	switch {
	case werr != nil && gerr == nil:
		t.Fatalf("%s: json.Marshal fails (%v), appendJSON does not: %s", typ, werr, got)
	case werr != nil:
	case gerr != nil:
		t.Fatalf("%s: appendJSON fails (%v), json.Marshal does not: %s", typ, gerr, want)
	case !bytes.Equal(got, append([]byte("prefix"), want...)):
		t.Fatalf("%s:\n got %s\nwant prefix%s", typ, got, want)
	}
}

// jsonFiller sets values at random, from pools of strings and numbers chosen to find the
// differences between an encoder and json.Marshal.
type jsonFiller struct {
	r    *rand.Rand
	strs []string
	ints []int64
	objs []reflect.Type // what an expanded ref or an any holds
}

func newJSONFiller(r *rand.Rand, strs []string, ints []int64) *jsonFiller {
	strs = append(strs, "", "pi_123", "a<b>&c", "quote\"back\\slash", "tab\tnl\nnul\x00", "\x1f\x7f", "é日本", "\u2028\u2029",
		"\xff", "bad\xc3(utf8", "zz", "aa", "AA", "a b", "<script>")
	ints = append(ints, 0, 1, -1, 42, -1000, math.MaxInt64, math.MinInt64, 1<<53+1)
	objs, _ := appenderTypes(jsonRoots)
	return &jsonFiller{r: r, strs: strs, ints: ints, objs: objs}
}

func (f *jsonFiller) str() string {
	if f.r.IntN(8) == 0 { // random bytes, valid UTF-8 or not
		b := make([]byte, f.r.IntN(12))
		for i := range b {
			b[i] = byte(f.r.IntN(256))
		}
		return string(b)
	}
	return f.strs[f.r.IntN(len(f.strs))]
}

func (f *jsonFiller) int() int64 { return f.ints[f.r.IntN(len(f.ints))] }

const maxFillDepth = 5

// fill sets v (settable) to a random value of its type.
func (f *jsonFiller) fill(v reflect.Value, depth int) {
	t := v.Type()
	switch t {
	case typeOf[ref]():
		r := ref{ID: f.str()}
		if f.r.IntN(4) == 0 {
			r.obj = f.any(depth + 1)
		}
		v.Set(reflect.ValueOf(r))
		return
	case timeType:
		v.Set(reflect.ValueOf(f.time()))
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(f.int()) // truncated to the kind's width
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(f.int()))
	case reflect.Float32, reflect.Float64:
		v.SetFloat([]float64{0, -0.5, 1e21, 1e-7, 3.14159, math.NaN(), math.Inf(1), float64(f.int())}[f.r.IntN(8)])
	case reflect.String:
		v.SetString(f.str())
	case reflect.Pointer:
		if depth > maxFillDepth || f.r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(t.Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice, reflect.Map:
		n := f.r.IntN(6) - 1 // -1: nil; 0: empty
		if n < 0 || depth > maxFillDepth {
			v.SetZero()
			return
		}
		if t.Kind() == reflect.Slice {
			v.Set(reflect.MakeSlice(t, n, n))
			for i := range n {
				f.fill(v.Index(i), depth+1)
			}
			return
		}
		v.Set(reflect.MakeMap(t))
		for range n { // keys drawn twice make a smaller map
			k, e := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
			f.fill(k, depth+1)
			f.fill(e, depth+1)
			v.SetMapIndex(k, e)
		}
	case reflect.Interface:
		if a := f.any(depth + 1); a != nil {
			v.Set(reflect.ValueOf(a))
		} else {
			v.SetZero()
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() && f.r.IntN(8) != 0 { // some left zero, for omitempty
				f.fill(v.Field(i), depth)
			}
		}
	}
}

// any is what a list's data or an expanded field holds: mostly an object, sometimes
// something json.Marshal encodes itself.
func (f *jsonFiller) any(depth int) any {
	if depth > maxFillDepth {
		return nil
	}
	switch f.r.IntN(7) {
	case 0:
		return nil
	case 6: // typed nil pointers
		return []any{(*ref)(nil), (*event)(nil), reflect.Zero(reflect.PointerTo(f.objs[f.r.IntN(len(f.objs))])).Interface()}[f.r.IntN(3)]
	case 1:
		return f.str()
	case 2:
		return map[string]any{f.str(): f.int(), f.str(): []string{f.str()}}
	}
	p := reflect.New(f.objs[f.r.IntN(len(f.objs))])
	f.fill(p.Elem(), depth)
	if f.r.IntN(4) == 0 {
		return p.Elem().Interface() // a struct, not its pointer: no appender
	}
	return p.Interface()
}

// time is a random time in a random zone, now and then one json.Marshal refuses.
func (f *jsonFiller) time() time.Time {
	zones := []*time.Location{time.UTC, time.FixedZone("", 0), time.FixedZone("X", -(23*3600 + 59*60 + 59)),
		time.FixedZone("Y", 5*3600+30*60), time.FixedZone("Z", 24*3600), time.FixedZone("W", -24*3600-60)}
	secs := f.r.Int64N(253402300800+62135596800) - 62135596800 // years 0001..9999
	switch f.r.IntN(10) {
	case 0:
		secs = 253402300800 + f.r.Int64N(1e9) // year 10000 and later
	case 1:
		secs = -62167219200 - 1 - f.r.Int64N(1e9) // before year 0
	case 2:
		return time.Time{}
	}
	nsec := []int64{0, 1, 500_000_000, 123_456_789, f.r.Int64N(1e9)}[f.r.IntN(5)]
	return time.Unix(secs, nsec).In(zones[f.r.IntN(len(zones))])
}
