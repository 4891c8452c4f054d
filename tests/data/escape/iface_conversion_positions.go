package main

var sink any

func keep(x any) { sink = x }

func ret() any {
	return 5
}

func retv(n int) any {
	return n
}

type S struct{ v any }

func main() {
	x := 3
	keep(5)
	keep(x)
	var i any = 7
	var j any = x
	s := []any{x, 8}
	t := S{v: 9}
	u := S{v: x}
	var k, l any = x, 10
	sink = i
	sink = j
	sink = s
	sink = t
	sink = u
	sink = k
	sink = l
	println(ret(), retv(1))
}
