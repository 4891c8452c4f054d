package main

type T struct{ a int }

func main() {
	var arr [4]*T
	arr[1] = &T{a: 1}
	s := make([]*T, 4)
	s[2] = &T{a: 2}
	println(arr[1].a + s[2].a)
}
