package main

type T struct{ a int }

func pick(a *T, first bool) (r *T, ok bool) {
	if first {
		r = a
		ok = true
	}
	return
}

func main() {
	t := T{a: 4}
	r, ok := pick(&t, true)
	println(r.a, ok)
}
