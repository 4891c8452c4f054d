package main

type T struct{ a int }

func main() {
	var i interface{} = 3
	t := &T{a: 1}
	println(i, t != nil, t.a)
}
