package main

type T struct{ a int }

func main() {
	var arr [3]T
	p := &arr[1]
	p.a = 5
	arr2 := [2]*T{&T{a: 1}, &T{a: 2}}
	println(arr[1].a, arr2[1].a)
}
