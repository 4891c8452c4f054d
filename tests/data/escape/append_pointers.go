package main

type T struct{ a int }

func main() {
	var ps []*T
	for i := 0; i < 3; i++ {
		ps = append(ps, &T{a: i})
	}
	x := T{a: 9}
	ps = append(ps, &x)
	println(len(ps), ps[3].a)
}
