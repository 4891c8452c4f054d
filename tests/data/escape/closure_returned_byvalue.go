package main

func adder(k int) func(int) int {
	return func(x int) int {
		return x + k
	}
}

func main() {
	add2 := adder(2)
	println(add2(5))
}
